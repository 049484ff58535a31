import random

import factory

from zhengwu.parties import crypto
from zhengwu.parties.models import Party, PartyKind
from zhengwu.parties.validators import USCC_ALPHABET, citizen_id_check_char, uscc_check_char


def make_citizen_id(rng: random.Random | None = None, area: str = "330324") -> str:
    rng = rng or random
    birth = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = f"{area}{birth}{rng.randint(0, 999):03d}"
    return first17 + citizen_id_check_char(first17)


def make_uscc(rng: random.Random | None = None, area: str = "330324") -> str:
    rng = rng or random
    body = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    first17 = f"92{area}{body}"
    return first17 + uscc_check_char(first17)


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        exclude = ("id_number", "phone")

    kind = PartyKind.PERSON
    name = factory.Sequence(lambda n: f"申请人{n}")
    id_number = factory.LazyFunction(make_citizen_id)
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    id_number_encrypted = factory.LazyAttribute(lambda o: crypto.encrypt(o.id_number))
    id_number_digest = factory.LazyAttribute(lambda o: crypto.lookup_digest(o.id_number))
    id_number_masked = factory.LazyAttribute(lambda o: mask_middle(o.id_number, 4, 4))
    phone_encrypted = factory.LazyAttribute(lambda o: crypto.encrypt(o.phone))
    phone_digest = factory.LazyAttribute(lambda o: crypto.lookup_digest(o.phone))
    phone_masked = factory.LazyAttribute(lambda o: mask_middle(o.phone, 3, 4))


class OrganisationFactory(PersonFactory):
    kind = PartyKind.ORGANISATION
    name = factory.Sequence(lambda n: f"测试商贸有限公司{n}")
    id_number = factory.LazyFunction(make_uscc)
    representative = "张三"
