import factory
from django.utils import timezone

from zhengwu.catalog.models import Material, Matter, MatterType, MatterVersion, VersionStatus
from zhengwu.org.tests.factories import DepartmentFactory


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter

    code = factory.Sequence(lambda n: f"330324-TEST-{n:05d}")
    department = factory.SubFactory(DepartmentFactory)


class MatterVersionFactory(factory.django.DjangoModelFactory):
    """A published version that is its matter's current one."""

    class Meta:
        model = MatterVersion
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    number = 1
    status = VersionStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    name = factory.Sequence(lambda n: f"测试许可事项{n}")
    matter_type = MatterType.PROMISED
    legal_basis = "《中华人民共和国行政许可法》"
    conditions = "符合法定条件"
    procedure = "申请—受理—审查—决定—送达"
    legal_limit_days = 20
    promised_limit_days = 10
    result_name = "许可证"

    @factory.post_generation
    def make_current(self, create, extracted, **kwargs):
        if create and self.status == VersionStatus.PUBLISHED and extracted is not False:
            Matter.objects.filter(pk=self.matter_id).update(current_version=self)
            self.matter.current_version = self

    @factory.post_generation
    def materials(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else ["申请书", "营业执照", "身份证明"]
        for position, name in enumerate(names, start=1):
            Material.objects.create(version=self, position=position, name=name)
