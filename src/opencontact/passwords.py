"""Password hashing for CONNECT_MANAGED users: Argon2id, salted, parameters kept in the hash."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's recommended Argon2id settings (19 MiB, 2 passes, 1 lane): strong, and quick enough
# that creating users in bulk stays fast on a laptop.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

# Hashing runs on threads of its own, one per CPU: more at once would not finish sooner, and
# each one holds 19 MiB while it runs (and its thread's allocator keeps it afterwards), so a
# burst of sign-ins (a shift starting) costs a bounded amount of memory.
_hashing = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password_async(password: str) -> str:
    """Hashing is deliberately slow; keep it off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(_hashing, hash_password, password)


async def verify_password_async(password_hash: str, password: str) -> bool:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, verify_password, password_hash, password)
