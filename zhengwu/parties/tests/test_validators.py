import pytest

from zhengwu.errors import InvalidInput
from zhengwu.parties.validators import (
    citizen_id_check_char,
    uscc_check_char,
    validate_citizen_id,
    validate_phone,
    validate_uscc,
)

# The sample number printed in GB 11643-1999 and a published unified social credit code.
SAMPLE_ID = "11010519491231002X"
SAMPLE_USCC = "91110000100006485K"


def with_check_char(first17: str) -> str:
    return first17 + citizen_id_check_char(first17)


def test_citizen_id_from_the_standard_is_valid():
    assert validate_citizen_id(SAMPLE_ID) == SAMPLE_ID


def test_citizen_id_is_normalised_to_upper_case_x_without_spaces():
    assert validate_citizen_id(" 11010519491231002x ") == SAMPLE_ID


def test_citizen_id_with_wrong_check_digit_is_refused():
    with pytest.raises(InvalidInput, match="校验位") as excinfo:
        validate_citizen_id("110105194912310021")
    assert excinfo.value.field == "id_number"


@pytest.mark.parametrize("birth", ["19490231", "19491301", "18991231", "29990101"])
def test_citizen_id_with_impossible_or_future_birth_date_is_refused(birth):
    with pytest.raises(InvalidInput, match="出生日期"):
        validate_citizen_id(with_check_char(f"110105{birth}002"))


@pytest.mark.parametrize(
    "value", ["", "11010519491231002", "11010519491231002X1", "1101051949123100AX", "X10105194912310021"]
)
def test_citizen_id_of_wrong_length_or_characters_is_refused(value):
    with pytest.raises(InvalidInput, match="18位"):
        validate_citizen_id(value)


def test_citizen_id_error_names_the_field_given():
    with pytest.raises(InvalidInput) as excinfo:
        validate_citizen_id("123", field="agent_id_number")
    assert excinfo.value.field == "agent_id_number"


def test_uscc_published_sample_is_valid_and_normalised_to_upper_case():
    assert validate_uscc(SAMPLE_USCC.lower()) == SAMPLE_USCC
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"


def test_uscc_with_wrong_check_char_is_refused():
    with pytest.raises(InvalidInput, match="校验位") as excinfo:
        validate_uscc("91110000100006485J")
    assert excinfo.value.field == "id_number"


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_uscc_with_letters_outside_the_alphabet_is_refused(letter):
    first17 = f"9111000010000648{letter}"
    with pytest.raises(InvalidInput, match="18位"):
        validate_uscc(first17 + "0")


@pytest.mark.parametrize("value", ["", "9111000010000648", "91110000100006485KK", "911100001000064-5K"])
def test_uscc_of_wrong_length_or_characters_is_refused(value):
    with pytest.raises(InvalidInput):
        validate_uscc(value)


def test_uscc_check_char_follows_gb_32100():
    assert uscc_check_char(SAMPLE_USCC[:17]) == "K"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("0577-67221234", "0577-67221234")],
)
def test_mobile_and_landline_numbers_are_accepted(value, expected):
    assert validate_phone(value) == expected


@pytest.mark.parametrize("value", ["", "12812345678", "1381234567", "138123456789", "phone", "577-67221234"])
def test_malformed_phone_numbers_are_refused(value):
    with pytest.raises(InvalidInput, match="联系电话") as excinfo:
        validate_phone(value)
    assert excinfo.value.field == "phone"
