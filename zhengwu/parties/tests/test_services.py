import pytest
from django.db import connection

from zhengwu.audit.models import AuditEntry
from zhengwu.errors import InvalidInput
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.parties import crypto, services
from zhengwu.parties.masking import mask_id, mask_name, mask_phone
from zhengwu.parties.models import Party, PartyKind
from zhengwu.parties.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
USCC = "91110000100006485K"
PHONE = "13812345678"


def register_person(**kwargs) -> Party:
    values = {"kind": PartyKind.PERSON, "name": "张三", "id_number": ID_NUMBER, "phone": PHONE} | kwargs
    return services.register_party(**values)


@pytest.fixture
def clerk():
    return StaffFactory()


# masking


def test_identity_numbers_keep_their_first_and_last_four_characters():
    assert mask_id("330324199001011234") == "3303**********1234"
    assert mask_id(USCC) == "9111**********485K"


def test_phone_keeps_its_first_three_and_last_four_digits():
    assert mask_phone(PHONE) == "138****5678"
    assert mask_phone("0577-67221234") == "057******1234"


def test_person_name_keeps_its_first_character_organisation_name_is_kept():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳修文") == "欧***"
    assert mask_name("永嘉县某某商贸有限公司", PartyKind.ORGANISATION) == "永嘉县某某商贸有限公司"


def test_masking_never_shows_a_value_too_short_to_mask():
    assert mask_id("1234567") == "*******"
    assert mask_name("李") == "*"
    assert mask_phone("") == ""


# register_party


def test_register_person_stores_encrypted_digest_and_masked_values(clerk):
    party = register_person(address="永嘉县上塘镇", actor=clerk)
    party.refresh_from_db()
    assert party.kind == PartyKind.PERSON
    assert crypto.decrypt(party.id_number_encrypted) == ID_NUMBER
    assert party.id_number_digest == crypto.lookup_digest(ID_NUMBER)
    assert party.id_number_masked == "1101**********002X"
    assert crypto.decrypt(party.phone_encrypted) == PHONE
    assert party.phone_digest == crypto.lookup_digest(PHONE)
    assert party.phone_masked == "138****5678"
    assert party.address == "永嘉县上塘镇"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.object_id) == ("parties.register", clerk.pk, str(party.pk))
    assert entry.detail["created"] is True


def test_clear_identity_number_and_phone_appear_in_no_column_and_no_audit_entry():
    party = register_person()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Party._meta.db_table} WHERE id = %s", [party.pk])
        row = cursor.fetchone()
    stored = " ".join(str(value) for value in row)
    assert ID_NUMBER not in stored
    assert ID_NUMBER.lower() not in stored
    assert PHONE not in stored
    assert ID_NUMBER not in str(AuditEntry.objects.get().detail)


def test_second_registration_of_the_same_number_returns_the_same_party():
    first = register_person()
    second = register_person(id_number=ID_NUMBER.lower())
    assert second.pk == first.pk
    assert Party.objects.count() == 1
    assert AuditEntry.objects.count() == 1  # nothing changed, nothing audited


def test_second_registration_updates_name_phone_and_address_and_is_audited(clerk):
    first = register_person()
    second = register_person(
        name="张三丰",
        phone="13900001111",
        address="永嘉县东城街道",
        actor=clerk,
        in_person=True,
        confirm_name_change=True,
    )
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.name == "张三丰"
    assert crypto.decrypt(second.phone_encrypted) == "13900001111"
    assert second.phone_masked == "139****1111"
    assert second.address == "永嘉县东城街道"
    entry = AuditEntry.objects.order_by("seq").last()
    assert entry.detail == {"created": False, "changed": ["name", "address", "phone"]}
    assert entry.actor_id == clerk.pk


def test_registration_without_phone_keeps_the_stored_phone():
    register_person()
    party = register_person(phone="")
    assert crypto.decrypt(party.phone_encrypted) == PHONE


def test_same_number_is_a_different_party_for_another_kind_lookup():
    register_person()
    assert services.find_by_id_number(PartyKind.ORGANISATION, ID_NUMBER) is None


def test_register_organisation_validates_and_normalises_the_uscc():
    party = services.register_party(
        PartyKind.ORGANISATION, "永嘉县某某商贸有限公司", USCC.lower(), representative="李四"
    )
    assert crypto.decrypt(party.id_number_encrypted) == USCC
    assert party.id_number_masked == "9111**********485K"
    assert party.representative == "李四"
    assert party.phone_encrypted == ""
    assert services.find_by_id_number(PartyKind.ORGANISATION, USCC) == party


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),
        ({"kind": PartyKind.ORGANISATION}, "id_number"),
        ({"phone": "12345"}, "phone"),
        ({"name": "  "}, "name"),
        ({"kind": "robot"}, "kind"),
        ({"address": "路" * 201}, "address"),
    ],
)
def test_invalid_registration_names_the_field_and_writes_nothing(kwargs, field):
    with pytest.raises(InvalidInput) as excinfo:
        register_person(**kwargs)
    assert excinfo.value.field == field
    assert not Party.objects.exists()
    assert not AuditEntry.objects.exists()


# reveal


def test_reveal_id_number_returns_the_clear_value_and_writes_one_audit_entry(clerk):
    party = PersonFactory(id_number=ID_NUMBER)
    assert services.reveal_id_number(party, actor=clerk, purpose="核验申请人身份") == ID_NUMBER
    entry = AuditEntry.objects.get()
    assert entry.action == "parties.reveal_id_number"
    assert entry.actor_id == clerk.pk
    assert entry.actor_label == clerk.username
    assert (entry.object_type, entry.object_id) == ("parties.party", str(party.pk))
    assert entry.detail == {"purpose": "核验申请人身份"}


def test_reveal_phone_returns_the_clear_value_and_writes_one_audit_entry(clerk):
    party = PersonFactory(phone=PHONE)
    assert services.reveal_phone(party, actor=clerk, purpose="电话通知补正") == PHONE
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.detail) == (
        "parties.reveal_phone",
        clerk.pk,
        {"purpose": "电话通知补正"},
    )


@pytest.mark.parametrize("reveal", [services.reveal_id_number, services.reveal_phone])
@pytest.mark.parametrize("purpose", ["", "   ", None])
def test_reveal_without_purpose_is_refused_and_nothing_is_written(clerk, reveal, purpose):
    party = PersonFactory()
    with pytest.raises(InvalidInput) as excinfo:
        reveal(party, actor=clerk, purpose=purpose)
    assert excinfo.value.field == "purpose"
    assert not AuditEntry.objects.exists()


def test_reveal_phone_of_a_party_without_phone_is_empty_and_not_audited(clerk):
    party = OrganisationFactory(phone_encrypted="", phone_digest="", phone_masked="")
    assert services.reveal_phone(party, actor=clerk, purpose="电话通知") == ""
    assert not AuditEntry.objects.exists()


# lookups


def test_find_by_id_number_uses_the_digest_and_normalises_case():
    party = PersonFactory(id_number=ID_NUMBER)
    assert services.find_by_id_number(PartyKind.PERSON, " 11010519491231002x ") == party
    assert services.find_by_id_number(PartyKind.PERSON, "330324199001011234") is None
    assert services.find_by_id_number(PartyKind.PERSON, "") is None


@pytest.mark.parametrize(("digits", "expected"), [("5678", True), (" 5678 ", True), ("5679", False), ("678", False)])
def test_phone_last4_matches(digits, expected):
    party = PersonFactory(phone=PHONE)
    assert services.phone_last4_matches(party, digits) is expected


def test_phone_last4_never_matches_a_party_without_phone():
    party = OrganisationFactory(phone_encrypted="", phone_digest="", phone_masked="")
    assert services.phone_last4_matches(party, "") is False
    assert services.phone_last4_matches(party, "0000") is False


@pytest.mark.parametrize(
    "how",
    [{}, {"in_person": True}, {"confirm_name_change": True}],
    ids=["remote", "in person, unconfirmed", "confirmed, not in person"],
)
def test_another_name_for_a_registered_number_is_refused_unless_confirmed_in_person(clerk, how):
    """Taking it would re-address every notice of the party's other cases."""
    party = register_person()
    with pytest.raises(InvalidInput) as refused:
        register_person(name="李四", phone="13900001111", actor=clerk, **how)
    assert (refused.value.field, refused.value.code) == ("name", "name_mismatch")
    assert "张*" in refused.value.message and "张三" not in refused.value.message
    party.refresh_from_db()
    assert (party.name, party.phone_masked) == ("张三", "138****5678")
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize("name", ["张\x00三", "张\n三", "张\u200b三"])
def test_control_characters_in_a_name_are_refused(name):
    with pytest.raises(InvalidInput) as refused:
        register_person(name=name)
    assert refused.value.field == "name"
    assert not Party.objects.exists()
