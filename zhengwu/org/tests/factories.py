import factory

from zhengwu.org.models import Area, AreaLevel, Department, Hall, Post, PostKind, Role, RoleGrant, User, Window

# The standard post codes that the BPMN processes assign review steps to (see docs/ARCHITECTURE.md).
STANDARD_POSTS = [
    ("acceptance", "受理", PostKind.ACCEPTANCE),
    ("first_review", "初审", PostKind.REVIEW),
    ("review", "审核", PostKind.REVIEW),
    ("approval", "审批", PostKind.APPROVAL),
]


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = "330324000000"
    name = "永嘉县"
    level = AreaLevel.COUNTY


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"D{n:04d}")
    name = factory.Sequence(lambda n: f"测试局{n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    area = factory.SubFactory(AreaFactory)

    @factory.post_generation
    def with_posts(self, create, extracted, **kwargs):
        """Every department gets the standard posts unless with_posts=False."""
        if not create or extracted is False:
            return
        for code, name, kind in STANDARD_POSTS:
            Post.objects.get_or_create(department=self, code=code, defaults={"name": name, "kind": kind})


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    name = "测试县政务服务中心"
    area = factory.SubFactory(AreaFactory)


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    hall = factory.SubFactory(HallFactory)
    number = factory.Sequence(lambda n: f"{n + 1:02d}")
    name = factory.Sequence(lambda n: f"综合受理窗口{n + 1}")


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member. `roles=[Role.WINDOW_CLERK]` grants roles; `post_codes=["first_review"]` gives posts."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    department = factory.SubFactory(DepartmentFactory)
    password = factory.django.Password("Zhengwu-test-1")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            RoleGrant.objects.get_or_create(user=self, role=role)
        self._role_codes = None

    @factory.post_generation
    def post_codes(self, create, extracted, **kwargs):
        for code in extracted or []:
            self.posts.add(Post.objects.get(department=self.department, code=code))


def clerk(department, **kwargs) -> User:
    return StaffFactory(department=department, roles=[Role.WINDOW_CLERK], post_codes=["acceptance"], **kwargs)


def reviewer(department, post_codes=("first_review", "review"), **kwargs) -> User:
    return StaffFactory(department=department, roles=[Role.REVIEWER], post_codes=list(post_codes), **kwargs)


def approver(department, **kwargs) -> User:
    return StaffFactory(department=department, roles=[Role.APPROVER], post_codes=["approval"], **kwargs)
