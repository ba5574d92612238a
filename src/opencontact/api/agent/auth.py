"""Who is calling: logging in with a username and password (CONNECT_MANAGED instances), and
checking a session token on every request against the instance as it is now — a user deleted
or a password changed since the login ends the session, and permissions are read afresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.agent.sessions import InvalidToken, SessionTokens
from opencontact.domain.directory import Directory
from opencontact.domain.errors import AccessDenied, InvalidParameter
from opencontact.domain.permissions import BASIC_AGENT_ACCESS
from opencontact.domain.users import User, user_permissions
from opencontact.engine.center import ContactCenter
from opencontact.passwords import hash_password_async, verify_password_async

WRONG_CREDENTIALS = "The username or password is not right."
NO_CCP = "Your security profile does not allow the Contact Control Panel."


@dataclass(frozen=True)
class AgentSession:
    """A checked token: the one user every request made with it acts as."""

    token: str
    instance_id: str
    user_id: str
    expires_at: datetime


class Authenticator:
    def __init__(self, center: ContactCenter, tokens: SessionTokens) -> None:
        self._center = center
        self._tokens = tokens
        # Checked against when the username is unknown, so that a wrong username takes as
        # long to refuse as a wrong password (nobody can tell which usernames exist).
        self._decoy_hash: str | None = None

    def instance(self, reference: str) -> Directory:
        """An instance by alias, id or ARN (ResourceNotFound otherwise)."""
        return self._center.account.by_alias(reference) or self._center.directory(reference)

    def password_instances(self) -> list[str]:
        """The aliases of the instances whose users sign in with a password here."""
        return [
            instance.alias
            for instance in self._center.account.instances()
            if instance.keeps_passwords and instance.alias
        ]

    async def login(self, instance: str, username: str, password: str) -> AgentSession:
        directory = self.instance(instance)
        if not directory.instance.keeps_passwords:
            identity = directory.instance.identity_management_type.value
            raise InvalidParameter(
                f"Instance '{instance}' uses {identity} identity management: its users sign in "
                "through their identity provider, and OpenContact keeps no passwords for them."
            )
        user = _find_user(directory, username)
        if user is None or user.password_hash is None:
            await verify_password_async(await self._decoy(), password)
            raise NotAuthenticated(WRONG_CREDENTIALS)
        if not await verify_password_async(user.password_hash, password):
            raise NotAuthenticated(WRONG_CREDENTIALS)
        claims = self._tokens.issue(directory.instance.id, user.id, user.password_hash)
        return AgentSession(
            self._tokens.encode(claims), claims.instance_id, claims.user_id, claims.expires_at
        )

    def check(self, token: str | None) -> AgentSession:
        """The session a token stands for, if it may still be used (NotAuthenticated if not)."""
        if not token:
            raise NotAuthenticated(
                "Log in first: send the token from POST /api/v1/sessions as "
                "'Authorization: Bearer <token>'."
            )
        try:
            claims = self._tokens.decode(token)
        except InvalidToken as invalid:
            raise NotAuthenticated(invalid.message) from None
        if claims.instance_id not in self._center.account:
            raise NotAuthenticated("The instance of this session no longer exists.")
        user = self._center.directory(claims.instance_id).get(User, claims.user_id)
        if user is None:
            raise NotAuthenticated("Your user no longer exists in this instance.")
        if (
            user.password_hash is None
            or self._tokens.fingerprint(user.password_hash) != claims.credential
        ):
            raise NotAuthenticated("Your password has changed since you logged in; log in again.")
        return AgentSession(token, claims.instance_id, claims.user_id, claims.expires_at)

    def user(self, session: AgentSession) -> tuple[Directory, User]:
        directory = self._center.directory(session.instance_id)
        user = directory.get(User, session.user_id)
        if user is None:
            raise NotAuthenticated("Your user no longer exists in this instance.")
        return directory, user

    def require(self, session: AgentSession, permission: str, words: str) -> None:
        """Refuse (AccessDenied, saying `words`) unless the user's security profiles grant
        `permission` now."""
        directory, user = self.user(session)
        if permission not in user_permissions(directory, user):
            raise AccessDenied(f"Your security profile does not allow {words} ({permission}).")

    def check_ccp(self, session: AgentSession) -> None:
        """The Contact Control Panel needs BasicAgentAccess (read now, not at login)."""
        directory, user = self.user(session)
        if BASIC_AGENT_ACCESS not in user_permissions(directory, user):
            raise AccessDenied(NO_CCP)

    async def _decoy(self) -> str:
        if self._decoy_hash is None:
            self._decoy_hash = await hash_password_async("a password nobody has")
        return self._decoy_hash


def _find_user(directory: Directory, username: str) -> User | None:
    """Usernames are unique regardless of case, and people type them either way."""
    wanted = username.casefold()
    for user in directory.all(User):
        if user.username.casefold() == wanted:
            return user
    return None
