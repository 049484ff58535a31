"""永嘉县演示用政务服务事项（办事指南）数据。

纯数据模块，不依赖 Django，供演示数据初始化命令（seeder）加载；``department`` 与
``joint_departments`` 中的编码对应 ``zhengwu.org.demo_data.DEPARTMENTS``。

数据来源与可信度说明：

* 事项名称、实施层级、设定依据（法律法规条款）、受理条件、申请材料参照现行国家法律法规
  及浙江政务服务网公开的县级办事指南的通行写法整理，内容已作简化，仅供演示。
* ``legal_limit_days`` 为法律法规规定的办理时限。法规以“工作日”表述的按工作日计；
  法规以“日”“个月”表述的（如娱乐场所经营许可 20 日、民办学校设立 3 个月），按原数字
  （3 个月记 90）记录，未折算为工作日。
* ``promised_limit_days`` 为浙江“最多跑一次”改革后的承诺时限，系按浙江省县级通行承诺
  水平设置的演示值，未逐项与永嘉县现行办事指南核对；即办件承诺时限记 0。
* 收费：除居民身份证、机动车驾驶证工本费和不动产登记费按国家公布的标准外，其余为 0。
* 窗口号、咨询电话为演示占位数据；投诉电话为温州 12345 政务服务便民热线。
"""

CENTER = "永嘉县政务服务中心（永嘉县上塘镇阳光大道）"
COMPLAINT_PHONE = "0577-12345"

SELF = "申请人自备"
GOV = "政府部门核发"


def _m(name, required=True, original=1, copy=0, source=SELF, notes="", shared=False):
    """Build one material dict; ``shared``: obtained by data sharing, the applicant need not submit it."""
    return {
        "name": name,
        "required": required,
        "original_count": original,
        "copy_count": copy,
        "source": source,
        "shared": shared,
        "notes": notes,
    }


ID_CARD = "申请人居民身份证"
APPLICATION_FORM = "申请表"

MATTERS = [
    # ------------------------------------------------------------------ 市场监管
    {
        "code": "330324-SCJG-001",
        "department": "YJ-SCJG",
        "name": "食品经营许可（新办）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《中华人民共和国食品安全法》第三十五条；《中华人民共和国食品安全法实施条例》；"
            "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）"
        ),
        "conditions": (
            "申请人已依法取得营业执照等主体资格；具有与经营的食品品种、数量相适应的食品原料处理和食品加工、"
            "销售、贮存等场所，并与有毒、有害场所以及其他污染源保持规定的距离。"
            "具有与经营的食品品种、数量相适应的经营设备或者设施，有专职或者兼职的食品安全管理人员和保证食品安全的规章制度。"
            "仅销售预包装食品的，实行备案管理，不需申请许可。"
        ),
        "procedure": (
            "申请—受理（材料齐全、符合法定形式的当场受理）—审查（书面审查，必要时现场核查）—"
            "决定（作出准予或不予许可决定）—送达（发放食品经营许可证，可选择邮寄或电子证照）"
        ),
        "legal_limit_days": 10,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "食品经营许可证",
        "handling_location": CENTER + "市场监管综合窗口 A12号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("食品经营许可申请书", notes="法定代表人（负责人）签字并加盖公章"),
            _m("营业执照或者其他主体资格证明文件", original=0, copy=1, source=GOV, shared=True),
            _m("与食品经营相适应的主要设备设施、经营布局、操作流程等文件"),
            _m("食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录"),
            _m("委托代理人办理的授权委托书及代理人身份证明", required=False, notes="委托他人办理时提供"),
        ],
    },
    {
        "code": "330324-SCJG-002",
        "department": "YJ-SCJG",
        "name": "个体工商户设立登记",
        "matter_type": "immediate",
        "service_object": "自然人",
        "legal_basis": (
            "《中华人民共和国市场主体登记管理条例》第三条、第十九条；《促进个体工商户发展条例》；"
            "《中华人民共和国市场主体登记管理条例实施细则》"
        ),
        "conditions": (
            "申请人为有经营能力的自然人（或家庭），经营范围不属于法律、行政法规禁止的项目。"
            "具有固定的经营场所，名称符合名称登记管理规定。"
            "申请材料齐全、符合法定形式的，登记机关当场予以登记。"
        ),
        "procedure": "申请—受理—审查（形式审查）—决定（当场登记）—送达（当场发放营业执照或电子营业执照）",
        "legal_limit_days": 3,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "营业执照（个体工商户）",
        "handling_location": CENTER + "商事登记窗口 A01号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("个体工商户登记（备案）申请书", notes="经营者签字"),
            _m("经营者居民身份证", original=1, copy=0, source=GOV, notes="现场核验，可刷脸认证"),
            _m("经营场所使用证明", notes="自有房产提供产权证明，租赁提供租赁协议；住所申报承诺制地区可提交承诺书"),
            _m("委托代理人办理的授权委托书及代理人身份证明", required=False),
        ],
    },
    {
        "code": "330324-SCJG-003",
        "department": "YJ-SCJG",
        "name": "药品零售企业经营许可（新办）",
        "matter_type": "promised",
        "service_object": "企业法人",
        "legal_basis": (
            "《中华人民共和国药品管理法》第五十一条、第五十二条；《中华人民共和国药品管理法实施条例》；"
            "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）"
        ),
        "conditions": (
            "有依法经过资格认定的药师或者其他药学技术人员，企业负责人、质量负责人无药品管理法规定的禁止从业情形。"
            "有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境。"
            "有与所经营药品相适应的质量管理机构或者人员，有保证药品质量的规章制度，并符合药品经营质量管理规范要求。"
        ),
        "procedure": "申请—受理—审查（材料审查及现场检查）—决定—送达（核发药品经营许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "药品经营许可证",
        "handling_location": CENTER + "市场监管综合窗口 A13号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("药品经营许可证申请表"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("企业负责人、质量负责人及药学技术人员的身份证明、学历或执业药师注册证明"),
            _m("经营场所、仓库平面布置图及房屋产权或使用权证明"),
            _m("质量管理制度文件目录及计算机系统说明"),
        ],
    },
    {
        "code": "330324-SCJG-004",
        "department": "YJ-SCJG",
        "name": "第二类医疗器械经营备案",
        "matter_type": "immediate",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《医疗器械监督管理条例》第四十一条；《医疗器械经营监督管理办法》（国家市场监督管理总局令第54号）第二十一条"
        ),
        "conditions": (
            "从事第二类医疗器械经营的，应当具有与经营范围和经营规模相适应的经营场所和贮存条件。"
            "具有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员。"
            "备案材料符合要求的当场予以备案。"
        ),
        "procedure": "申请—受理—审查（形式审查）—决定（当场备案）—送达（发放备案凭证）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "第二类医疗器械经营备案凭证",
        "handling_location": CENTER + "市场监管综合窗口 A13号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("第二类医疗器械经营备案表"),
            _m("法定代表人、企业负责人、质量负责人身份证明、学历或职称证明", original=0, copy=1),
            _m("经营场所和库房的地理位置图、平面图、房屋产权或使用权证明", original=0, copy=1),
            _m("经营质量管理制度、工作程序等文件目录"),
        ],
    },
    {
        "code": "330324-SCJG-005",
        "department": "YJ-SCJG",
        "name": "特种设备使用登记",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、其他组织",
        "legal_basis": "《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》（TSG 08）",
        "conditions": (
            "特种设备已经安装、改造、修理监督检验或定期检验合格（按规定需检验的）。"
            "使用单位在特种设备投入使用前或者投入使用后三十日内申请办理使用登记。"
            "申请材料齐全、真实。"
        ),
        "procedure": "申请—受理—审查—决定—送达（发放特种设备使用登记证）",
        "legal_limit_days": 15,
        "promised_limit_days": 1,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "特种设备使用登记证",
        "handling_location": CENTER + "市场监管综合窗口 A14号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("特种设备使用登记表", original=2),
            _m("使用单位统一社会信用代码证明", original=0, copy=1, source=GOV),
            _m("特种设备产品合格证（含产品数据表）", original=0, copy=1),
            _m("监督检验证明或定期检验报告", original=0, copy=1, source=GOV, notes="按规定需要检验的设备"),
        ],
    },
    {
        "code": "330324-SCJG-006",
        "department": "YJ-SCJG",
        "name": "企业开办“一件事”（设立登记、公章刻制、发票申领、社保医保登记）",
        "matter_type": "joint",
        "service_object": "企业法人",
        "legal_basis": (
            "《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第十九条；"
            "《中华人民共和国发票管理办法》第十五条；《中华人民共和国社会保险法》第五十七条；"
            "《印铸刻字业暂行管理规则》"
        ),
        "conditions": (
            "申请人符合《中华人民共和国公司法》等规定的公司设立条件，名称经自主申报符合规定。"
            "有符合规定的住所（经营场所），公司章程、股东（发起人）等事项符合法律规定。"
            "通过“企业开办全程网办”平台一次填报，营业执照、公章、发票、社保和医保登记等一并办结。"
        ),
        "procedure": (
            "申请（一表填报）—受理（市场监管部门统一受理）—审查（登记机关及公安、税务、人力社保、医保部门并联审查）—"
            "决定—送达（营业执照、印章、税控设备/数电发票、社保医保登记结果一次领取或寄递）"
        ),
        "legal_limit_days": 3,
        "promised_limit_days": 1,
        "fee_fen": 0,
        "fee_basis": "新开办企业首套印章刻制费用由政府买单",
        "result_name": "营业执照、企业印章、发票领用及社会保险登记结果",
        "handling_location": CENTER + "企业开办专区 A02号",
        "consultation_phone": "0577-67220101",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": ["YJ-GA", "YJ-SW", "YJ-RLSB", "YJ-YB"],
        "materials": [
            _m("公司登记（备案）申请书", notes="全体股东或法定代表人电子签名"),
            _m("公司章程", notes="可使用标准章程模板"),
            _m("股东、法定代表人、董事、监事、经理的身份证明", original=0, copy=1, source=GOV),
            _m("住所（经营场所）使用证明或住所申报承诺书"),
            _m("企业开办一件事联办申请表（含印章、发票、参保信息）"),
        ],
    },
    # ------------------------------------------------------------------ 自然资源和规划
    {
        "code": "330324-ZRZY-001",
        "department": "YJ-ZRZY",
        "name": "建设用地规划许可证核发",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": (
            "《中华人民共和国城乡规划法》第三十七条、第三十八条；《浙江省城乡规划条例》；《中华人民共和国土地管理法》"
        ),
        "conditions": (
            "建设项目符合国土空间规划和详细规划。"
            "以划拨方式提供国有土地使用权的，项目已经有关部门批准、核准或备案；以出让方式取得的，已签订国有土地使用权出让合同。"
            "规划条件明确，申请材料齐全、符合法定形式。"
        ),
        "procedure": "申请—受理—审查（核定用地位置、面积、允许建设范围）—决定—送达（核发建设用地规划许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "建设用地规划许可证",
        "handling_location": CENTER + "投资项目审批窗口 B05号",
        "consultation_phone": "0577-67220104",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("建设用地规划许可申请表"),
            _m("建设项目批准、核准或备案文件", original=0, copy=1, source=GOV, notes="划拨用地提供"),
            _m("国有建设用地使用权出让合同", original=0, copy=1, source=GOV, notes="出让用地提供"),
            _m("用地红线图及勘测定界图", source=GOV),
        ],
    },
    {
        "code": "330324-ZRZY-002",
        "department": "YJ-ZRZY",
        "name": "建设工程规划许可证核发",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": "《中华人民共和国城乡规划法》第四十条；《浙江省城乡规划条例》第三十六条",
        "conditions": (
            "已取得建设用地规划许可证或国有土地使用权证明。"
            "建设工程设计方案符合控制性详细规划和规划条件，并符合相关技术规定。"
            "申请材料齐全、符合法定形式。"
        ),
        "procedure": "申请—受理—审查（设计方案审查、批前公示）—决定—送达（核发建设工程规划许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 7,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "建设工程规划许可证",
        "handling_location": CENTER + "投资项目审批窗口 B05号",
        "consultation_phone": "0577-67220104",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("建设工程规划许可申请表"),
            _m("使用土地的有关证明文件", original=0, copy=1, source=GOV),
            _m("建设工程设计方案总平面图及建筑单体方案图纸", notes="含电子文件"),
            _m("建设工程设计方案审查意见", source=GOV, required=False, notes="已单独进行方案审查的提供"),
        ],
    },
    {
        "code": "330324-ZRZY-003",
        "department": "YJ-ZRZY",
        "name": "二手房交易登记“一件事”（存量房转移登记、税费缴纳）",
        "matter_type": "joint",
        "service_object": "自然人、企业法人",
        "legal_basis": (
            "《中华人民共和国民法典》第二百零九条、第二百一十四条；《不动产登记暂行条例》第十四条、第二十条；"
            "《不动产登记暂行条例实施细则》第三十八条；《中华人民共和国契税法》第九条"
        ),
        "conditions": (
            "房屋已依法办理不动产首次登记，权属清楚，不存在查封、异议登记等限制转移的情形。"
            "买卖双方已签订存量房买卖合同，有抵押的已取得抵押权人同意或已注销抵押。"
            "交易双方依法申报并缴纳契税、个人所得税等税费后，不动产登记机构办理转移登记。"
        ),
        "procedure": (
            "申请（交易、缴税、登记一窗受理）—受理—审查（住建部门合同备案信息共享、税务部门核税、不动产登记机构审核）—"
            "决定（登簿）—送达（核发不动产权证书或电子证照）"
        ),
        "legal_limit_days": 30,
        "promised_limit_days": 1,
        "fee_fen": 8000,
        "fee_basis": (
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）："
            "住宅类不动产登记费每件80元（含第一本证书工本费），每增加一本证书加收10元"
        ),
        "result_name": "不动产权证书",
        "handling_location": CENTER + "不动产登记专区 C01号",
        "consultation_phone": "0577-67220104",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": ["YJ-SW", "YJ-ZJ"],
        "materials": [
            _m("不动产登记申请书", notes="买卖双方签字"),
            _m("买卖双方身份证明", original=1, copy=0, source=GOV, notes="现场核验"),
            _m("不动产权属证书", source=GOV),
            _m("存量房买卖合同", original=1, copy=0),
            _m("婚姻状况证明或声明", required=False, notes="需确定房屋共有情况时提供"),
        ],
    },
    # ------------------------------------------------------------------ 住房和城乡建设
    {
        "code": "330324-ZJ-001",
        "department": "YJ-ZJ",
        "name": "建筑工程施工许可证核发",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": (
            "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）第四条、第五条"
        ),
        "conditions": (
            "依法应当办理用地批准手续的已经办理；在城市、镇规划区的建筑工程已经取得建设工程规划许可证。"
            "施工场地已经基本具备施工条件，需要征收房屋的其进度符合施工要求；已经确定施工企业。"
            "有满足施工需要的技术资料，施工图设计文件已按规定审查合格；有保证工程质量和安全的具体措施；建设资金已经落实。"
        ),
        "procedure": "申请—受理—审查—决定—送达（核发建筑工程施工许可证，电子证照同步推送）",
        "legal_limit_days": 7,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "建筑工程施工许可证",
        "handling_location": CENTER + "投资项目审批窗口 B06号",
        "consultation_phone": "0577-67220105",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("建筑工程施工许可证申请表"),
            _m("建设工程规划许可证", original=0, copy=1, source=GOV, shared=True),
            _m("中标通知书或直接发包批准文件、施工合同", original=0, copy=1),
            _m("施工图设计文件审查合格书", original=0, copy=1, source=GOV),
            _m("建设资金已落实承诺书"),
            _m("保证工程质量和安全的具体措施"),
        ],
    },
    {
        "code": "330324-ZJ-002",
        "department": "YJ-ZJ",
        "name": "商品房预售许可",
        "matter_type": "promised",
        "service_object": "企业法人",
        "legal_basis": (
            "《中华人民共和国城市房地产管理法》第四十五条；《城市房地产开发经营管理条例》第二十三条、第二十四条；"
            "《城市商品房预售管理办法》第五条、第七条"
        ),
        "conditions": (
            "已交付全部土地使用权出让金，取得土地使用权证书；持有建设工程规划许可证和施工许可证。"
            "按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，并已经确定施工进度和竣工交付日期。"
            "已开设商品房预售资金监管账户。"
        ),
        "procedure": "申请—受理—审查（现场查勘形象进度）—决定—送达（核发商品房预售许可证）",
        "legal_limit_days": 10,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "商品房预售许可证",
        "handling_location": CENTER + "投资项目审批窗口 B06号",
        "consultation_phone": "0577-67220105",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("商品房预售许可申请表"),
            _m("营业执照和房地产开发企业资质证书", original=0, copy=1, source=GOV),
            _m("土地使用权证书、建设工程规划许可证、施工许可证", original=0, copy=1, source=GOV),
            _m("工程施工合同及关于施工进度的说明", original=0, copy=1),
            _m("商品房预售方案及预售资金监管协议"),
        ],
    },
    # 工程建设项目审批制度改革（国办发〔2019〕11号）: the technical reviews of fire, civil air defence and security
    # merged into one 施工图联合审查, and the completion checks into one time-limited 联合验收 with one joint opinion.
    {
        "code": "330324-ZJ-003",
        "department": "YJ-ZJ",
        "name": "施工图设计文件联合审查（含消防、人防、技防）",
        "matter_type": "joint",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": (
            "《建设工程质量管理条例》第十一条；"
            "《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》（住房和城乡建设部令第13号）第三条、第十一条、第十三条；"
            "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）"
        ),
        "conditions": (
            "已取得建设工程规划许可证（或规划设计方案批复），施工图设计文件已按规定的深度编制完成。"
            "勘察、设计单位具有相应资质，注册执业人员已在图纸上签字、加盖执业印章。"
            "施工图的消防、人防、技防等技术审查合并为一次联合审查，由住房城乡建设部门统一受理、统一出具审查意见。"
        ),
        "procedure": (
            "申请（施工图审查管理系统一次上传）—受理—审查（住建部门组织结构安全、消防、人防审查，公安机关同步审查技防设计）—"
            "决定（出具施工图联合审查合格书或不合格意见）—送达"
        ),
        "legal_limit_days": 15,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "施工图审查费用由政府购买服务，不向建设单位收取",
        "result_name": "施工图设计文件联合审查合格书",
        "handling_location": CENTER + "投资项目审批窗口 B06号",
        "consultation_phone": "0577-67220105",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": ["YJ-GA"],
        "materials": [
            _m("施工图设计文件联合审查申请表"),
            _m("建设工程规划许可证", original=0, copy=1, source=GOV),
            _m("岩土工程勘察报告", notes="电子文件，勘察单位签章"),
            _m("全套施工图设计文件（含消防、人防、技防设计专篇）", notes="电子文件，注册执业人员签章"),
            _m("勘察、设计单位资质证书", original=0, copy=1, source=GOV),
        ],
    },
    {
        "code": "330324-ZJ-004",
        "department": "YJ-ZJ",
        "name": "建设工程竣工联合验收",
        "matter_type": "joint",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": (
            "《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号）第二十六条、第二十八条；"
            "《中华人民共和国城乡规划法》第四十五条；《建设工程质量管理条例》第四十九条；"
            "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）"
        ),
        "conditions": (
            "建设工程已按照批准的设计文件和合同约定内容建成，建设单位已组织勘察、设计、施工、监理单位完成竣工验收。"
            "规划核实、土地核验、消防验收、人防验收、城建档案验收等合并为一次联合验收，"
            "住房城乡建设部门牵头，自然资源和规划部门同步开展规划核实和土地核验，限时出具一份联合验收意见。"
        ),
        "procedure": (
            "申请（一张表单、一套材料）—受理—联合现场验收（住建部门：工程质量、消防、人防、城建档案；"
            "自然资源和规划部门：规划核实、土地核验）—决定（出具联合验收意见书）—送达"
        ),
        "legal_limit_days": 15,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "建设工程竣工联合验收意见书",
        "handling_location": CENTER + "投资项目审批窗口 B06号",
        "consultation_phone": "0577-67220105",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": ["YJ-ZRZY"],
        "materials": [
            _m("建设工程竣工联合验收申请表"),
            _m("工程竣工验收报告", notes="建设、勘察、设计、施工、监理单位签章"),
            _m("建设工程规划许可证及附图", original=0, copy=1, source=GOV),
            _m("竣工测量成果报告（含规划核实、土地核验测绘成果）"),
            _m("消防验收技术资料"),
            _m("建设工程竣工档案（城建档案）", notes="电子档案"),
        ],
    },
    # ------------------------------------------------------------------ 交通运输
    {
        "code": "330324-JTYS-001",
        "department": "YJ-JTYS",
        "name": "道路运输经营许可（道路货物运输，不含危险货物）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《中华人民共和国道路运输条例》第二十一条、第二十四条；《道路货物运输及站场管理规定》（交通运输部令）第八条、第九条"
        ),
        "conditions": (
            "有与其经营业务相适应并经检测合格的车辆；使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请。"
            "有符合规定条件的驾驶人员，取得相应的机动车驾驶证和道路货物运输从业资格证。"
            "有健全的安全生产管理制度。"
        ),
        "procedure": "申请—受理—审查—决定—送达（核发道路运输经营许可证，配发道路运输证）",
        "legal_limit_days": 20,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "道路运输经营许可证",
        "handling_location": CENTER + "交通运输窗口 B11号",
        "consultation_phone": "0577-67220102",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("道路货物运输经营申请表"),
            _m("负责人身份证明，经办人身份证明和委托书", original=0, copy=1),
            _m("机动车辆行驶证、车辆技术等级评定结论", original=0, copy=1, source=GOV),
            _m("驾驶人员机动车驾驶证、从业资格证", original=0, copy=1, source=GOV),
            _m("安全生产管理制度文本"),
        ],
    },
    {
        "code": "330324-JTYS-002",
        "department": "YJ-JTYS",
        "name": "机动车维修经营备案",
        "matter_type": "immediate",
        "service_object": "企业法人、个体工商户",
        "legal_basis": "《中华人民共和国道路运输条例》第四十条；《机动车维修管理规定》（交通运输部令）第十条、第十一条",
        "conditions": (
            "已依法取得营业执照。"
            "有与其经营业务相适应的维修车辆停车场和生产厂房、设备设施及技术人员。"
            "有健全的维修管理制度和环境保护措施；备案材料齐全的当场予以备案。"
        ),
        "procedure": "申请—受理—审查（材料核对）—决定（当场备案）—送达（出具备案回执）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "机动车维修经营备案回执",
        "handling_location": CENTER + "交通运输窗口 B11号",
        "consultation_phone": "0577-67220102",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("机动车维修经营备案表"),
            _m("维修经营场地、停车场的有效使用证明", original=0, copy=1),
            _m("技术人员汇总表及相关证明", original=0, copy=1),
            _m("维修设备设施汇总表"),
        ],
    },
    # ------------------------------------------------------------------ 卫生健康
    {
        "code": "330324-WSJK-001",
        "department": "YJ-WSJK",
        "name": "医师执业注册（首次注册）",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": (
            "《中华人民共和国医师法》第十三条、第十四条；《医师执业注册管理办法》（国家卫生和计划生育委员会令第13号）"
        ),
        "conditions": (
            "取得医师资格，拟在本县医疗、预防、保健机构执业。"
            "不具有《中华人民共和国医师法》规定的不予注册情形（如无民事行为能力、受刑事处罚未满规定期限等）。"
            "拟执业机构同意聘用并出具证明。"
        ),
        "procedure": "申请—受理—审查—决定（准予注册）—送达（发放医师执业证书或电子证照）",
        "legal_limit_days": 20,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "医师执业证书",
        "handling_location": CENTER + "卫生健康窗口 B15号",
        "consultation_phone": "0577-67220103",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("医师执业注册申请审核表"),
            _m("医师资格证书", original=1, copy=0, source=GOV),
            _m("近6个月内县级以上医疗机构出具的健康体检证明"),
            _m("拟执业机构聘用证明"),
        ],
    },
    {
        "code": "330324-WSJK-002",
        "department": "YJ-WSJK",
        "name": "护士执业注册（首次注册）",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": "《护士条例》第七条、第八条；《护士执业注册管理办法》",
        "conditions": (
            "具有完全民事行为能力，完成规定的护理、助产专业学习并取得毕业证书。"
            "通过国务院卫生主管部门组织的护士执业资格考试。"
            "符合国务院卫生主管部门规定的健康标准；在取得资格考试成绩合格之日起3年内提出申请。"
        ),
        "procedure": "申请—受理—审查—决定—送达（发放护士执业证书或电子证照）",
        "legal_limit_days": 20,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "护士执业证书",
        "handling_location": CENTER + "卫生健康窗口 B15号",
        "consultation_phone": "0577-67220103",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("护士执业注册申请审核表"),
            _m(ID_CARD, original=1, copy=0, source=GOV),
            _m("学历证书及专业学习中的临床实习证明", original=0, copy=1),
            _m("护士执业资格考试成绩合格证明", source=GOV),
            _m("近6个月内健康体检证明"),
            _m("医疗卫生机构拟聘用的相关材料"),
        ],
    },
    {
        "code": "330324-WSJK-003",
        "department": "YJ-WSJK",
        "name": "公共场所卫生许可（新办）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条、第二十四条",
        "conditions": (
            "经营场所选址、设计、卫生设施设备符合公共场所卫生标准和规范要求。"
            "建立卫生管理制度，配备专（兼）职卫生管理人员。"
            "经营单位承诺符合许可条件的，可按告知承诺方式办理，事后进行现场核查。"
        ),
        "procedure": "申请—受理—审查（资料审查，必要时现场审查）—决定—送达（核发公共场所卫生许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "公共场所卫生许可证",
        "handling_location": CENTER + "卫生健康窗口 B16号",
        "consultation_phone": "0577-67220103",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("公共场所卫生许可申请表"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("法定代表人或负责人身份证明", original=0, copy=1),
            _m("公共场所地址方位示意图、平面图和卫生设施平面布局图"),
            _m("公共场所卫生管理制度"),
        ],
    },
    {
        "code": "330324-WSJK-004",
        "department": "YJ-WSJK",
        "name": "新生儿出生“一件事”（出生医学证明、户口登记、医保参保、社保卡申领）",
        "matter_type": "joint",
        "service_object": "自然人",
        "legal_basis": (
            "《中华人民共和国母婴保健法》第二十三条；《中华人民共和国户口登记条例》第七条；"
            "《中华人民共和国社会保险法》第二十五条；《浙江省出生医学证明管理办法》"
        ),
        "conditions": (
            "新生儿在本县助产机构出生，或父母一方户籍在本县。"
            "父母双方身份信息、婚姻登记信息可核验。"
            "通过浙里办“出生一件事”一次申请，出生医学证明签发、户口登记、城乡居民医保参保和社会保障卡申领联动办理。"
        ),
        "procedure": (
            "申请（一表申请）—受理（助产机构或政务服务中心统一受理）—审查（卫健、公安、医保、人力社保部门并联办理）—"
            "决定—送达（出生医学证明、户口簿、社会保障卡寄递到家）"
        ),
        "legal_limit_days": 30,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "出生医学证明、户口登记结果、医保参保登记及社会保障卡",
        "handling_location": CENTER + "“一件事”联办窗口 A05号",
        "consultation_phone": "0577-67220103",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": ["YJ-GA", "YJ-YB", "YJ-RLSB"],
        "materials": [
            _m("出生一件事联办申请表"),
            _m("父母双方居民身份证", original=1, copy=0, source=GOV, notes="现场核验"),
            _m("居民户口簿", source=GOV),
            _m("结婚证", source=GOV, required=False, shared=True),
        ],
    },
    # ------------------------------------------------------------------ 民政
    {
        "code": "330324-MZ-001",
        "department": "YJ-MZ",
        "name": "内地居民结婚登记",
        "matter_type": "immediate",
        "service_object": "自然人",
        "legal_basis": "《中华人民共和国民法典》第一千零四十六条至第一千零四十九条；《婚姻登记条例》第四条至第七条",
        "conditions": (
            "男女双方完全自愿，男年满22周岁、女年满20周岁。"
            "双方均无配偶，且不属于直系血亲或者三代以内旁系血亲。"
            "双方亲自到婚姻登记机关共同申请；符合条件的当场予以登记，发给结婚证。"
        ),
        "procedure": "申请（双方亲自到场）—受理—审查（当场审查并询问）—决定（当场登记）—送达（颁发结婚证）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "结婚证",
        "handling_location": "永嘉县婚姻登记处（永嘉县上塘镇县前路民政综合楼一楼）",
        "consultation_phone": "0577-67220106",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": False,
        "joint_departments": [],
        "materials": [
            _m("双方居民身份证", original=1, copy=0, source=GOV),
            _m("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明"),
            _m("双方近期半身免冠合影照片", original=3, copy=0, notes="2寸红底"),
            _m("居民户口簿", required=False, source=GOV, notes="已实现跨省通办、数据核验的可免于提交"),
        ],
    },
    {
        "code": "330324-MZ-002",
        "department": "YJ-MZ",
        "name": "最低生活保障审核确认",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": (
            "《社会救助暂行办法》第九条至第十一条；《最低生活保障审核确认办法》（民发〔2021〕57号）；"
            "《浙江省最低生活保障办法》"
        ),
        "conditions": (
            "共同生活的家庭成员持有本县户籍，家庭人均收入低于当地最低生活保障标准。"
            "家庭财产状况符合当地规定。"
            "申请人如实申报家庭收入、财产状况，并授权开展家庭经济状况核对。"
        ),
        "procedure": (
            "申请（向户籍所在地乡镇人民政府、街道办事处或通过浙里办提出）—受理—审查（家庭经济状况核对、入户调查、"
            "民主评议、公示）—决定（审核确认）—送达（书面通知并按月发放最低生活保障金）"
        ),
        "legal_limit_days": 30,
        "promised_limit_days": 20,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "最低生活保障审核确认决定",
        "handling_location": CENTER + "社会救助窗口 B20号；或各乡镇（街道）便民服务中心",
        "consultation_phone": "0577-67220106",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("最低生活保障申请书"),
            _m("家庭成员居民身份证、户口簿", original=1, copy=0, source=GOV),
            _m("家庭经济状况核对授权书", notes="共同生活家庭成员签字"),
            _m("家庭收入、财产情况申报表"),
            _m("残疾证、病历等特殊情况证明", required=False, notes="有残疾、重病等情况的提供"),
        ],
    },
    {
        "code": "330324-MZ-003",
        "department": "YJ-MZ",
        "name": "特困人员认定",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": "《社会救助暂行办法》第十四条至第十六条；《特困人员认定办法》（民发〔2021〕43号）第十五条",
        "conditions": (
            "老年人、残疾人以及未满16周岁的未成年人，同时具备无劳动能力、无生活来源的条件。"
            "无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。"
            "持有本县户籍。"
        ),
        "procedure": (
            "申请（本人或委托村（居）民委员会代为申请）—受理（乡镇人民政府、街道办事处）—审查（调查核实、公示）—"
            "决定（县级民政部门确认）—送达（发放特困人员救助供养证）"
        ),
        "legal_limit_days": 20,
        "promised_limit_days": 15,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "特困人员救助供养证",
        "handling_location": CENTER + "社会救助窗口 B20号；或各乡镇（街道）便民服务中心",
        "consultation_phone": "0577-67220106",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("特困人员救助供养申请书"),
            _m(ID_CARD + "、户口簿", original=1, copy=0, source=GOV),
            _m("家庭经济状况核对授权书"),
            _m("残疾人证或劳动能力鉴定证明", required=False, source=GOV, notes="以残疾为由申请的提供"),
        ],
    },
    {
        "code": "330324-MZ-004",
        "department": "YJ-MZ",
        "name": "社会团体成立登记",
        "matter_type": "promised",
        "service_object": "社会组织",
        # 第十五条: 30 days from the complete application for 成立登记 (the 60 days of 第十二条 are for approving 筹备).
        "legal_basis": "《社会团体登记管理条例》第三条、第九条至第十六条",
        "conditions": (
            "有50个以上的个人会员或者30个以上的单位会员，个人会员、单位会员混合组成的，会员总数不少于50个。"
            "有规范的名称和相应的组织机构，有固定的住所，有与其业务活动相适应的专职工作人员。"
            "有合法的资产和经费来源，县级社会团体有1万元以上活动资金；有独立承担民事责任的能力。"
        ),
        "procedure": "申请—受理—审查（材料审查、必要时实地核查）—决定（准予登记）—送达（发放社会团体法人登记证书）",
        "legal_limit_days": 30,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "社会团体法人登记证书",
        "handling_location": CENTER + "社会组织登记窗口 B21号",
        "consultation_phone": "0577-67220106",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("社会团体法人登记申请书"),
            _m("业务主管单位的批准文件", source=GOV, required=False, notes="需要业务主管单位的提供"),
            _m("验资报告、场所使用权证明", original=1, copy=1),
            _m("发起人和拟任负责人的基本情况、身份证明", original=0, copy=1),
            _m("社会团体章程草案"),
        ],
    },
    {
        "code": "330324-MZ-005",
        "department": "YJ-MZ",
        "name": "养老机构备案",
        "matter_type": "immediate",
        "service_object": "企业法人、社会组织、事业单位法人",
        "legal_basis": (
            "《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》（民政部令第66号）第九条、第十条"
        ),
        "conditions": (
            "已依法办理法人登记（营业执照、民办非企业单位登记证书或事业单位法人证书）。"
            "服务场所、消防、食品、卫生等符合相关标准，备案人书面承诺符合有关标准和要求。"
            "备案材料齐全的，民政部门当场予以备案。"
        ),
        "procedure": "申请—受理—审查（材料核对）—决定（当场备案）—送达（出具备案回执）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "养老机构备案回执",
        "handling_location": CENTER + "社会组织登记窗口 B21号",
        "consultation_phone": "0577-67220106",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("养老机构备案书"),
            _m("养老机构备案承诺书"),
            _m("法人登记证书", original=0, copy=1, source=GOV),
            _m("服务场所权属证明或租赁合同", original=0, copy=1),
        ],
    },
    # ------------------------------------------------------------------ 人力资源和社会保障
    {
        "code": "330324-RLSB-001",
        "department": "YJ-RLSB",
        "name": "经营性人力资源服务机构从事职业中介活动许可",
        "matter_type": "promised",
        "service_object": "企业法人",
        "legal_basis": "《中华人民共和国就业促进法》第四十条；《人力资源市场暂行条例》第十八条、第十九条",
        "conditions": (
            "有明确的章程和管理制度。"
            "有开展业务必备的固定场所、办公设施和一定数额的开办资金。"
            "有一定数量具备相应职业资格或从业经验的专职工作人员。"
        ),
        "procedure": "申请—受理—审查—决定—送达（核发人力资源服务许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "人力资源服务许可证",
        "handling_location": CENTER + "人力社保窗口 B25号",
        "consultation_phone": "0577-67220107",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("人力资源服务许可申请表"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("机构章程及管理制度"),
            _m("场所使用权证明", original=0, copy=1),
            _m("专职工作人员名单及相关证明", original=0, copy=1),
        ],
    },
    {
        "code": "330324-RLSB-002",
        "department": "YJ-RLSB",
        "name": "社会保障卡申领（即时制卡）",
        "matter_type": "immediate",
        "service_object": "自然人",
        "legal_basis": "《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》",
        "conditions": (
            "已在本地参加社会保险或按规定可在本地申领社会保障卡。"
            "本人未持有有效的社会保障卡。"
            "在即时制卡网点现场申领的，当场制卡发放。"
        ),
        "procedure": "申请—受理（身份核验、现场采集照片）—审查—决定—送达（即时制卡并当场发放）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "社会保障卡",
        "handling_location": CENTER + "人力社保窗口 B26号",
        "consultation_phone": "0577-67220107",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m(ID_CARD, original=1, copy=0, source=GOV),
            _m("社会保障卡申领登记表", notes="可在窗口现场填写"),
        ],
    },
    # ------------------------------------------------------------------ 教育
    {
        "code": "330324-JY-001",
        "department": "YJ-JY",
        "name": "民办学校设立审批（实施学前教育、义务教育）",
        "matter_type": "promised",
        "service_object": "企业法人、社会组织、自然人",
        "legal_basis": (
            "《中华人民共和国民办教育促进法》第十二条、第十四条至第十七条；《中华人民共和国民办教育促进法实施条例》"
        ),
        "conditions": (
            "举办者符合法律规定的条件，具有政治权利和完全民事行为能力或为具有法人资格的组织。"
            "有符合国家规定标准的校舍、设施设备、师资和办学资金。"
            "有学校章程、发展规划和首届领导班子人选，符合本县教育布局规划。"
        ),
        "procedure": "申请（筹设或正式设立）—受理—审查（材料审查、实地评估、专家评议）—决定—送达（颁发办学许可证）",
        "legal_limit_days": 90,
        "promised_limit_days": 20,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "民办学校办学许可证",
        "handling_location": CENTER + "教育窗口 B30号",
        "consultation_phone": "0577-67220108",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("正式设立申请报告"),
            _m("举办者的身份证明或法人登记证书", original=0, copy=1),
            _m("资产来源、资金数额及有效证明文件", original=0, copy=1),
            _m("校舍产权或租赁证明、消防验收合格证明", original=0, copy=1),
            _m("学校章程和首届校长、教师、财会人员的资格证明文件"),
        ],
    },
    {
        "code": "330324-JY-002",
        "department": "YJ-JY",
        "name": "教师资格认定（幼儿园、小学、初级中学）",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": (
            "《中华人民共和国教师法》第十条至第十三条；《教师资格条例》；《〈教师资格条例〉实施办法》第二十条"
        ),
        "conditions": (
            "遵守宪法和法律，热爱教育事业，具有良好的思想品德。"
            "具备《中华人民共和国教师法》规定的相应学历，并取得中小学教师资格考试合格证明。"
            "普通话水平达到国家语言文字工作委员会颁布的《普通话水平测试等级标准》二级乙等以上；体检合格。"
        ),
        "procedure": "申请（网上报名）—受理（现场确认）—审查—决定（认定机构审批）—送达（颁发教师资格证书）",
        "legal_limit_days": 30,
        "promised_limit_days": 20,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "教师资格证书",
        "handling_location": CENTER + "教育窗口 B30号",
        "consultation_phone": "0577-67220108",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m(ID_CARD, original=1, copy=0, source=GOV),
            _m("学历证书", source=GOV, notes="可在线核验的免于提交"),
            _m("中小学教师资格考试合格证明", source=GOV, notes="在线核验"),
            _m("普通话水平测试等级证书", source=GOV),
            _m("教师资格认定体检表"),
        ],
    },
    # ------------------------------------------------------------------ 公安
    {
        "code": "330324-GA-001",
        "department": "YJ-GA",
        "name": "居民身份证换领（有效期满）",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": "《中华人民共和国居民身份证法》第八条、第十一条、第二十条",
        "conditions": (
            "本县户籍居民，居民身份证有效期满或即将期满（期满前三个月内）。"
            "本人到户籍所在地或跨省通办受理点现场办理，采集照片和指纹信息。"
            "可选择邮寄送达。"
        ),
        "procedure": "申请—受理（现场采集人像、指纹）—审查（户籍信息核对）—决定（制证）—送达（窗口领取或邮寄）",
        "legal_limit_days": 60,
        "promised_limit_days": 15,
        "fee_fen": 2000,
        "fee_basis": (
            "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）："
            "换领工本费每证20元"
        ),
        "result_name": "居民身份证",
        "handling_location": CENTER + "公安户政窗口 A20号",
        "consultation_phone": "0577-67220109",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": False,
        "joint_departments": [],
        "materials": [
            _m("原居民身份证", source=GOV),
            _m("居民户口簿", required=False, source=GOV, notes="户籍信息可核验的免于提交"),
            _m("居民身份证申领登记表", notes="窗口现场打印签字"),
        ],
    },
    {
        "code": "330324-GA-002",
        "department": "YJ-GA",
        "name": "机动车驾驶证期满换证",
        "matter_type": "immediate",
        "service_object": "自然人",
        "legal_basis": (
            "《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》（公安部令第162号）第六十条"
        ),
        "conditions": (
            "机动车驾驶证有效期满前九十日内申请换证。"
            "身体条件符合申请驾驶相应准驾车型的规定，并提交有效的身体条件证明。"
            "驾驶证未被吊销、注销，无未处理完毕的交通违法记录和交通事故。"
        ),
        "procedure": "申请—受理—审查（身体条件证明核验）—决定—送达（当场制发新驾驶证或邮寄）",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "fee_fen": 1000,
        "fee_basis": "机动车驾驶证工本费每证10元（国家发展改革委、财政部有关公安交通管理收费标准）",
        "result_name": "机动车驾驶证",
        "handling_location": CENTER + "公安交管窗口 A22号",
        "consultation_phone": "0577-67220109",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m(ID_CARD, original=1, copy=0, source=GOV),
            _m("机动车驾驶人身体条件证明", notes="县级以上医疗机构出具，可电子传输"),
            _m("原机动车驾驶证", source=GOV),
        ],
    },
    {
        "code": "330324-GA-003",
        "department": "YJ-GA",
        "name": "户口迁移（投靠直系亲属准予迁入）",
        "matter_type": "promised",
        "service_object": "自然人",
        "legal_basis": "《中华人民共和国户口登记条例》第十条、第十三条；《浙江省户口迁移政策规定》",
        "conditions": (
            "申请人符合本县户口迁移政策中投靠配偶、父母、子女等直系亲属的条件。"
            "被投靠人在本县有合法稳定住所，并同意申请人落户。"
            "申请人无不宜迁移的情形（如正在服刑等）。"
        ),
        "procedure": "申请—受理—审查（关系及住所核查）—决定—送达（办理迁入登记，省内实行“一站式”迁移）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "户口迁入登记（居民户口簿）",
        "handling_location": CENTER + "公安户政窗口 A21号",
        "consultation_phone": "0577-67220109",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("户口迁移申请表"),
            _m("申请人及被投靠人居民身份证、户口簿", original=1, copy=0, source=GOV),
            _m("亲属关系证明", source=GOV, notes="结婚证、出生医学证明等"),
            _m("合法稳定住所证明", original=0, copy=1, source=GOV),
        ],
    },
    # ------------------------------------------------------------------ 生态环境
    {
        "code": "330324-STHJ-001",
        "department": "YJ-STHJ",
        "name": "排污许可证核发（简化管理）",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人",
        # 条例: 20 days for 简化管理; 重点管理 has 30 (45 with a site check), so it would be another matter.
        "legal_basis": "《中华人民共和国环境保护法》第四十五条；《排污许可管理条例》第六条至第十三条",
        "conditions": (
            "依法取得建设项目环境影响报告书（表）批准文件，或者已经办理环境影响登记备案手续。"
            "污染物排放符合污染物排放标准要求，重点污染物排放符合排污许可证申请与核发技术规范等要求。"
            "采用的污染防治设施或者措施有能力达到许可排放浓度要求；自行监测方案符合要求。"
        ),
        "procedure": (
            "申请（全国排污许可证管理信息平台提交）—受理—审查（技术评估，必要时现场核查）—决定—送达（核发排污许可证）"
        ),
        "legal_limit_days": 20,
        "promised_limit_days": 15,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "排污许可证",
        "handling_location": CENTER + "生态环境窗口 B35号",
        "consultation_phone": "0577-67220110",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("排污许可证申请表", notes="通过全国排污许可证管理信息平台填报并打印盖章"),
            _m("自行监测方案"),
            _m("守法承诺书", notes="法定代表人或主要负责人签字"),
            _m("环境影响评价批复文件", original=0, copy=1, source=GOV),
            _m("排污口和监测孔规范化设置情况说明"),
        ],
    },
    {
        "code": "330324-STHJ-002",
        "department": "YJ-STHJ",
        "name": "建设项目环境影响报告表审批",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、机关法人",
        "legal_basis": "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
        "conditions": (
            "建设项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划。"
            "所在区域环境质量满足环境质量标准或者已有达标规划措施。"
            "采取的污染防治措施能确保污染物排放达到国家和地方排放标准；环境影响报告表编制规范。"
        ),
        "procedure": "申请—受理（受理公示）—审查（技术评估、审批前公示）—决定—送达（出具审批意见）",
        "legal_limit_days": 30,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "建设项目环境影响报告表审批意见",
        "handling_location": CENTER + "投资项目审批窗口 B07号",
        "consultation_phone": "0577-67220110",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("建设项目环境影响报告表审批申请书"),
            _m("建设项目环境影响报告表", notes="全本及删除涉密内容的公开版本"),
            _m("建设单位和环评编制单位承诺书"),
        ],
    },
    # ------------------------------------------------------------------ 文化和广电旅游体育
    {
        "code": "330324-WGLT-001",
        "department": "YJ-WGLT",
        "name": "出版物零售单位设立审批",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《出版管理条例》第三十七条；《出版物市场管理规定》（国家新闻出版广电总局 商务部令第10号）第九条、第十条"
        ),
        "conditions": (
            "已经取得营业执照，经营范围包括出版物零售。"
            "有确定的经营场所。"
            "法定代表人或者主要负责人在申请之日前三年内无违反出版管理法规受到行政处罚的记录。"
        ),
        "procedure": "申请—受理—审查—决定—送达（核发出版物经营许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "出版物经营许可证",
        "handling_location": CENTER + "文化旅游窗口 B40号",
        "consultation_phone": "0577-67220111",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("出版物零售业务经营申请书"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("经营场所使用证明", original=0, copy=1),
            _m("法定代表人或主要负责人身份证明", original=0, copy=1),
        ],
    },
    {
        "code": "330324-WGLT-002",
        "department": "YJ-WGLT",
        "name": "娱乐场所经营许可（歌舞、游艺娱乐场所设立）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": "《娱乐场所管理条例》第九条、第十一条；《娱乐场所管理办法》（文化部令第55号）",
        "conditions": (
            "已取得营业执照，投资人、法定代表人、主要负责人不具有《娱乐场所管理条例》第五条规定的情形。"
            "经营场所面积、设施设备符合规定，不在居民楼、博物馆、学校周边等禁止区域内。"
            "场所符合消防、治安等要求。"
        ),
        "procedure": "申请—受理—审查（实地检查、必要时组织听证）—决定—送达（核发娱乐经营许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "娱乐经营许可证",
        "handling_location": CENTER + "文化旅游窗口 B40号",
        "consultation_phone": "0577-67220111",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("娱乐场所经营申请书"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("投资人、法定代表人、主要负责人的身份证明及无犯罪记录书面声明", original=0, copy=1),
            _m("经营场所地理位置图、场所内部结构平面示意图"),
            _m("房屋产权证明或租赁合同", original=0, copy=1),
        ],
    },
    # ------------------------------------------------------------------ 农业农村
    {
        "code": "330324-NYNC-001",
        "department": "YJ-NYNC",
        "name": "农药经营许可（不含限制使用农药）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《农药管理条例》第二十四条、第二十五条；《农药经营许可管理办法》（农业部令2017年第5号）第五条、第十条"
        ),
        "conditions": (
            "有具备农学、植保、农药等相关专业中专以上学历或者专业教育培训机构56学时以上学习经历的经营人员。"
            "有与其他商品以及饮用水水源、生活区域等有效隔离的营业场所和仓储场所，并配备通风、消防等设施设备。"
            "有农药采购、销售台账等管理制度和岗位操作规程，有农药中毒应急处置方案。"
        ),
        "procedure": "申请—受理—审查（必要时实地核查）—决定—送达（核发农药经营许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "农药经营许可证",
        "handling_location": CENTER + "农业农村窗口 B45号",
        "consultation_phone": "0577-67220112",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("农药经营许可证申请表"),
            _m("法定代表人（负责人）身份证明", original=0, copy=1),
            _m("经营人员的学历或者培训证明", original=0, copy=1),
            _m("营业场所和仓储场所地址、面积、平面图等说明材料及照片"),
            _m("农药经营管理制度目录、岗位操作规程和农药中毒应急处置方案"),
        ],
    },
    {
        "code": "330324-NYNC-002",
        "department": "YJ-NYNC",
        "name": "动物诊疗许可",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《中华人民共和国动物防疫法》第六十一条、第六十二条；《动物诊疗机构管理办法》（农业农村部令2022年第5号）"
        ),
        "conditions": (
            "有固定的动物诊疗场所，且动物诊疗场所使用面积符合省级农业农村主管部门的规定。"
            "动物诊疗场所选址距离动物饲养场、动物屠宰加工场所、经营动物的集贸市场不少于二百米。"
            "具有布局合理的诊疗室、隔离室、药房等功能区，具有与动物诊疗活动相适应的执业兽医和诊疗设备。"
        ),
        "procedure": "申请—受理—审查（材料审核和诊疗场所实地考查）—决定—送达（核发动物诊疗许可证）",
        "legal_limit_days": 15,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "动物诊疗许可证",
        "handling_location": CENTER + "农业农村窗口 B45号",
        "consultation_phone": "0577-67220112",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "safety_critical": True,  # 第七十八条: 直接关系公共安全、人身健康、生命财产安全
        "joint_departments": [],
        "materials": [
            _m("动物诊疗许可证申请表"),
            _m("动物诊疗场所地理方位图、室内平面图和各功能区布局图"),
            _m("动物诊疗场所使用权证明", original=0, copy=1),
            _m("执业兽医资格证书", original=0, copy=1, source=GOV),
            _m("设施设备清单及管理制度文本"),
        ],
    },
    {
        "code": "330324-NYNC-003",
        "department": "YJ-NYNC",
        "name": "生猪定点屠宰厂（场）设置审查（县级初审）",
        "matter_type": "reported",
        "service_object": "企业法人",
        "legal_basis": "《生猪屠宰管理条例》（2021年修订）第八条至第十一条；《浙江省生猪屠宰管理办法》",
        "conditions": (
            "符合设区的市级人民政府制定的生猪屠宰行业发展规划。"
            "有与屠宰规模相适应、水质符合国家规定标准的水源条件，有符合国家规定要求的待宰间、屠宰间、急宰间等。"
            "有依法取得健康证明的屠宰技术人员和经考核合格的兽医卫生检验人员，有符合规定的病害生猪及生猪产品无害化处理设施。"
        ),
        "procedure": (
            "申请—受理（县农业农村局）—审查（县级初审、实地核查）—上报（报温州市农业农村局，由设区的市级人民政府审查决定）—"
            "送达（转发生猪定点屠宰证书和标志牌）"
        ),
        "legal_limit_days": 45,
        "promised_limit_days": 20,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "生猪定点屠宰证书、生猪定点屠宰标志牌",
        "handling_location": CENTER + "农业农村窗口 B45号",
        "consultation_phone": "0577-67220112",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": False,
        "joint_departments": [],
        "materials": [
            _m("生猪定点屠宰厂（场）设立申请书"),
            _m("营业执照", original=0, copy=1, source=GOV),
            _m("选址、布局、设施设备等情况说明及平面图"),
            _m("屠宰技术人员健康证明和兽医卫生检验人员考核合格证明", original=0, copy=1),
            _m("动物防疫条件合格证", original=0, copy=1, source=GOV),
            _m("环境影响评价批复文件", original=0, copy=1, source=GOV),
        ],
    },
    # ------------------------------------------------------------------ 水利
    {
        "code": "330324-SL-001",
        "department": "YJ-SL",
        "name": "取水许可",
        "matter_type": "promised",
        "service_object": "企业法人、事业单位法人、其他组织",
        "legal_basis": "《中华人民共和国水法》第七条、第四十八条；《取水许可和水资源费征收管理条例》第二条、第二十一条",
        "conditions": (
            "取水符合流域综合规划、区域水资源规划和用水总量控制指标。"
            "已按规定编制建设项目水资源论证报告书（表）并通过审查。"
            "取水、退水方案合理，不对第三者合法权益造成重大损害。"
        ),
        "procedure": "申请—受理—审查（水资源论证审查，必要时征求利害关系人意见）—决定—送达（核发取水许可电子证照）",
        "legal_limit_days": 45,
        "promised_limit_days": 15,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "取水许可证（电子证照）",
        "handling_location": CENTER + "投资项目审批窗口 B08号",
        "consultation_phone": "0577-67220113",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("取水许可申请书"),
            _m("建设项目水资源论证报告书（表）及审查意见", source=GOV),
            _m("与第三者利害关系的相关说明", required=False),
            _m("取水工程设计方案或取水设施情况说明"),
        ],
    },
    # ------------------------------------------------------------------ 综合行政执法
    {
        "code": "330324-ZHZF-001",
        "department": "YJ-ZHZF",
        "name": "城市建筑垃圾处置核准",
        "matter_type": "promised",
        "service_object": "企业法人、其他组织",
        "legal_basis": (
            "《国务院对确需保留的行政审批项目设定行政许可的决定》第101项；《城市建筑垃圾管理规定》（建设部令第139号）第七条；"
            "《浙江省城市市容和环境卫生管理条例》"
        ),
        "conditions": (
            "提交书面申请，明确建筑垃圾产生量、种类、运输路线和消纳场所。"
            "有消纳场地的证明，或已与符合条件的建筑垃圾消纳、综合利用单位签订合同。"
            "运输单位具有合法的道路运输经营许可，车辆具备全密闭运输和卫星定位等装置。"
        ),
        "procedure": "申请—受理—审查（必要时现场查勘）—决定—送达（核发建筑垃圾处置核准证）",
        "legal_limit_days": 20,
        "promised_limit_days": 3,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "城市建筑垃圾处置核准证",
        "handling_location": CENTER + "综合执法窗口 B50号",
        "consultation_phone": "0577-67220114",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("城市建筑垃圾处置核准申请表"),
            _m("建设工程规划许可证或施工许可证", original=0, copy=1, source=GOV),
            _m("建筑垃圾运输合同及运输单位的道路运输经营许可证", original=0, copy=1),
            _m("建筑垃圾消纳场所或综合利用单位的证明", original=0, copy=1),
        ],
    },
    # ------------------------------------------------------------------ 烟草专卖
    {
        "code": "330324-YC-001",
        "department": "YJ-YC",
        "name": "烟草专卖零售许可证核发（新办）",
        "matter_type": "promised",
        "service_object": "企业法人、个体工商户",
        "legal_basis": (
            "《中华人民共和国烟草专卖法》第十六条；《中华人民共和国烟草专卖法实施条例》第十一条；"
            "《烟草专卖许可证管理办法》（工业和信息化部令第37号）"
        ),
        "conditions": (
            "有与经营烟草制品零售业务相适应的资金和固定的经营场所。"
            "经营场所符合本地烟草制品零售点合理布局规定，不在中小学校、幼儿园周边等禁止区域。"
            "申请人为有完全民事行为能力的自然人或依法设立的企业，无烟草专卖违法不予发证的情形。"
        ),
        "procedure": "申请—受理—审查（实地核查）—决定—送达（核发烟草专卖零售许可证）",
        "legal_limit_days": 20,
        "promised_limit_days": 10,
        "fee_fen": 0,
        "fee_basis": "",
        "result_name": "烟草专卖零售许可证",
        "handling_location": CENTER + "烟草专卖窗口 B52号",
        "consultation_phone": "0577-67220115",
        "complaint_phone": COMPLAINT_PHONE,
        "online_available": True,
        "joint_departments": [],
        "materials": [
            _m("烟草专卖零售许可证申请表"),
            _m("经营者身份证明", original=0, copy=1),
            _m("营业执照", original=0, copy=1, source=GOV, notes="已办理的提供"),
            _m("经营场所产权证明或租赁协议", original=0, copy=1),
        ],
    },
]
