import base64

import pytest

from zhengwu.parties import crypto

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def other_key(settings):
    crypto._key.cache_clear()
    settings.ZHENGWU_SM4_KEY = "00112233445566778899aabbccddeeff"
    yield
    crypto._key.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_key_cache():
    crypto._key.cache_clear()
    yield
    crypto._key.cache_clear()


@pytest.mark.parametrize("plaintext", [ID_NUMBER, "13812345678", "浙江省温州市永嘉县", ""])
def test_encryption_round_trips(plaintext):
    assert crypto.decrypt(crypto.encrypt(plaintext)) == plaintext


def test_ciphertext_differs_each_time_and_hides_the_value():
    first, second = crypto.encrypt(ID_NUMBER), crypto.encrypt(ID_NUMBER)
    assert first != second
    assert first.startswith("sm4g1:")
    assert ID_NUMBER not in first
    assert ID_NUMBER.encode() not in base64.b64decode(first.removeprefix("sm4g1:"))


@pytest.mark.parametrize("position", [0, 12, 28, -1])  # nonce, tag, first and last byte of the body
def test_tampered_ciphertext_is_detected(position):
    raw = bytearray(base64.b64decode(crypto.encrypt(ID_NUMBER).removeprefix("sm4g1:")))
    raw[position] ^= 0x01
    with pytest.raises(ValueError, match="altered"):
        crypto.decrypt("sm4g1:" + base64.b64encode(bytes(raw)).decode())


def test_value_without_the_format_tag_is_refused():
    with pytest.raises(ValueError, match="not an SM4"):
        crypto.decrypt(ID_NUMBER)


def test_value_encrypted_under_another_key_is_refused(other_key, settings):
    token = crypto.encrypt(ID_NUMBER)
    crypto._key.cache_clear()
    settings.ZHENGWU_SM4_KEY = "ffeeddccbbaa99887766554433221100"
    with pytest.raises(ValueError, match="altered or the key is wrong"):
        crypto.decrypt(token)


def test_key_of_wrong_length_is_refused(settings):
    settings.ZHENGWU_SM4_KEY = "0011"
    with pytest.raises(ValueError, match="32 hex digits"):
        crypto.encrypt(ID_NUMBER)


def test_lookup_digest_is_stable_keyed_sm3():
    digest = crypto.lookup_digest(ID_NUMBER)
    assert digest == crypto.lookup_digest(ID_NUMBER)
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert digest != crypto.lookup_digest("110105194912310029")


def test_lookup_digest_depends_on_the_key(other_key, settings):
    digest = crypto.lookup_digest(ID_NUMBER)
    crypto._key.cache_clear()
    settings.ZHENGWU_SM4_KEY = "ffeeddccbbaa99887766554433221100"
    assert crypto.lookup_digest(ID_NUMBER) != digest
