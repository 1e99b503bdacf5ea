"""Encryption of personal data per person: crypto-shredding (adapter layer).

Each person's readable fields are sealed with a data key of their own (AES-256-GCM from
``cryptography``; nothing here is hand-made crypto). The data key is stored only wrapped
(encrypted) by the deployment's master key. Erasing a person deletes their wrapped key:
their sealed row in the live database and its WAL is then unreadable at once, while the
events (which never carry personal data) stay. The wrapped key lives in the same database,
so a backup taken before the erasure can still be opened; erasures must be applied again
after a restore (docs/privacy.md).

The master key never goes into the database or a backup. It comes from
``DUUNI_MASTER_KEY`` (32 bytes as 64 hex digits or base64), the deployment's secret; on
the embedded default, without that variable, from the key file ``intake-master.key`` in
the data folder, made once with mode 0600. Losing it loses every person's data, so it is
kept and backed up apart from the data (see deploy/README.md).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MASTER_KEY_VARIABLE = "DUUNI_MASTER_KEY"
KEY_FILE = "intake-master.key"
_NONCE = 12
_FORMAT = b"\x01"
"""The first byte of every sealed value: the layout (nonce, then ciphertext and tag)."""

KeyOf = Callable[[str, str], bytes | None]
"""(project, client) → the person's data key, or None when they are not held."""


class MasterKeyMissing(RuntimeError):
    """No master key could be found or made: the message says where it is looked for."""


class Unreadable(RuntimeError):
    """A sealed value does not open with its key: erased, tampered with, or another key."""


def _parse(text: str) -> bytes:
    text = text.strip()
    with contextlib.suppress(ValueError):
        if len(text) == 64:
            return bytes.fromhex(text)
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=False)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise MasterKeyMissing(
            f"{MASTER_KEY_VARIABLE} must be 32 bytes, as 64 hex digits or in base64"
        )
    return raw


def _key_file(folder: Path) -> bytes:
    """The folder's key file, made once (mode 0600, never overwritten) if it is missing."""
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another process made it first
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32) + "\n")
    return _parse(path.read_text(encoding="ascii"))


def key_folder(database_url: str, data_dir: Path | None) -> Path | None:
    """Where the key file of a store lives: the SQLite file's folder (the data folder on
    the embedded default), else ``data_dir`` when one is known."""
    if database_url.startswith("sqlite"):
        name = database_url.split("///", 1)[-1].split("?", 1)[0]
        if name and name != ":memory:":
            return Path(name).resolve().parent
    return data_dir


class MasterKey:
    """The key that wraps every person's data key; found lazily, once."""

    def __init__(self, folder: Path | None = None, *, key: bytes | None = None) -> None:
        self._folder = folder
        self._key = key
        self._cipher: AESGCM | None = None
        self._lock = threading.Lock()
        """Threads that seal at once (an import's workers) make and read the key file once."""

    @classmethod
    def of_bytes(cls, key: bytes) -> MasterKey:
        return cls(key=key)

    def exists(self) -> bool:
        """Whether the key is there to be read: given, in the environment, or its file."""
        if self._key is not None or os.environ.get(MASTER_KEY_VARIABLE, "").strip():
            return True
        return self._folder is not None and (self._folder / KEY_FILE).exists()

    def _aes(self) -> AESGCM:
        if self._cipher is not None:
            return self._cipher
        with self._lock:
            return self._locked_aes()

    def _locked_aes(self) -> AESGCM:
        if self._cipher is None:
            if self._key is None:
                from_environment = os.environ.get(MASTER_KEY_VARIABLE, "").strip()
                if from_environment:
                    self._key = _parse(from_environment)
                elif self._folder is not None:
                    self._key = _key_file(self._folder)
                else:
                    raise MasterKeyMissing(
                        f"set {MASTER_KEY_VARIABLE} (the data folder's key file is only "
                        "used by the embedded default)"
                    )
            self._cipher = AESGCM(self._key)
        return self._cipher

    def new_data_key(self, owner: str) -> tuple[bytes, bytes]:
        """A fresh data key for ``owner`` (a client id): the key, and the key wrapped."""
        data_key = AESGCM.generate_key(bit_length=256)
        return data_key, seal(self._aes(), data_key, b"person-key:" + owner.encode())

    def unwrap(self, wrapped: bytes, owner: str) -> bytes:
        return open_sealed(self._aes(), wrapped, b"person-key:" + owner.encode())


def seal(cipher: AESGCM, plaintext: bytes, context: bytes) -> bytes:
    """``plaintext`` encrypted and authenticated, bound to ``context`` (e.g. the client id,
    so that a sealed value copied to another person's row does not open)."""
    nonce = secrets.token_bytes(_NONCE)
    return _FORMAT + nonce + cipher.encrypt(nonce, plaintext, context)


def open_sealed(cipher: AESGCM, sealed: bytes, context: bytes) -> bytes:
    if sealed[:1] != _FORMAT:
        raise Unreadable("unknown sealed format")
    try:
        return cipher.decrypt(sealed[1 : 1 + _NONCE], sealed[1 + _NONCE :], context)
    except InvalidTag:
        raise Unreadable("the sealed value does not open with this key") from None


def data_cipher(data_key: bytes) -> AESGCM:
    return AESGCM(data_key)
