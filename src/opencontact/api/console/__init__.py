"""The console API (`/api/v1/console`): what the /console page uses to act as the AWS account,
signed in with the access key pair the server prints. See docs/console.md."""

from opencontact.api.console.app import console_api

__all__ = ["console_api"]
