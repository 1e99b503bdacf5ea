"""Sealing with ``cryptography``'s AES-GCM: a person's value opens only with their key,
under their own client id, and the master key comes from the environment or a 0600 file."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.intake.adapters.personal_data import seal_person
from services.intake.adapters.sealing import (
    KEY_FILE,
    MASTER_KEY_VARIABLE,
    MasterKey,
    MasterKeyMissing,
    Unreadable,
    data_cipher,
    open_sealed,
)


def test_a_sealed_value_opens_with_its_key_and_client_only() -> None:
    master = MasterKey.of_bytes(b"k" * 32)
    wrapped, sealed = seal_person(master, "client-1", b'{"first_name": "Aino"}')
    key = master.unwrap(wrapped, "client-1")

    assert open_sealed(data_cipher(key), sealed, b"client-1") == b'{"first_name": "Aino"}'
    assert b"Aino" not in sealed and key not in wrapped
    with pytest.raises(Unreadable):
        open_sealed(data_cipher(key), sealed, b"client-2")  # copied to another person
    with pytest.raises(Unreadable):
        MasterKey.of_bytes(b"x" * 32).unwrap(wrapped, "client-1")  # another master key


def test_the_master_key_comes_from_the_environment_before_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MASTER_KEY_VARIABLE, raising=False)
    from_file = MasterKey(tmp_path)
    wrapped = from_file.new_data_key("c")[1]

    assert (tmp_path / KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert MasterKey(tmp_path).unwrap(wrapped, "c")  # the same file, read again
    monkeypatch.setenv(MASTER_KEY_VARIABLE, "ab" * 32)
    with pytest.raises(Unreadable):
        MasterKey(tmp_path).unwrap(wrapped, "c")
    monkeypatch.setenv(MASTER_KEY_VARIABLE, "too short")
    with pytest.raises(MasterKeyMissing):
        MasterKey(tmp_path).new_data_key("c")


def test_without_a_folder_or_a_variable_there_is_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MASTER_KEY_VARIABLE, raising=False)

    assert not MasterKey(None).exists()
    with pytest.raises(MasterKeyMissing, match=MASTER_KEY_VARIABLE):
        MasterKey(None).new_data_key("c")
