"""Personal data at rest: SM4-GCM encryption and SM3-HMAC lookup digests (GB/T 32907, GB/T 32905)."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

_PREFIX = "sm4g1:"  # format tag, so that a key or mode change can be rolled out later


@functools.cache
def _key() -> bytes:
    key = bytes.fromhex(settings.ZHENGWU_SM4_KEY)
    if len(key) != 16:
        raise ValueError("ZHENGWU_SM4_KEY must be 32 hex digits (128 bits)")
    return key


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.SM4(_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return _PREFIX + base64.b64encode(nonce + encryptor.tag + body).decode()


def decrypt(token: str) -> str:
    if not token.startswith(_PREFIX):
        raise ValueError("not an SM4-encrypted value")
    raw = base64.b64decode(token[len(_PREFIX) :])
    nonce, tag, body = raw[:12], raw[12:28], raw[28:]
    decryptor = Cipher(algorithms.SM4(_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise ValueError("encrypted value was altered or the key is wrong") from exc


def lookup_digest(value: str) -> str:
    """A keyed SM3 digest, so that equal values can be found without storing them in clear."""
    return hmac.new(_key(), value.encode(), lambda data=b"": hashlib.new("sm3", data)).hexdigest()
