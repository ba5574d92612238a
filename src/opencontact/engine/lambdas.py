"""Invoking "Lambda functions" from flows: an HTTP POST of Amazon Connect's Lambda event to the
URL configured for the function's ARN, with the block's time limit.

The event is what Connect sends (`{"Name": "ContactFlowEvent", "Details": {"ContactData": ...,
"Parameters": ...}}`); the function answers with a JSON object, which the flow reads as
`$.External`. Any HTTP error, timeout or non-object answer takes the block's error branch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from opencontact.flows import run as flows
from opencontact.flows.run import ContactData


def lambda_event(contact: ContactData, parameters: Mapping[str, Any]) -> dict[str, Any]:
    def endpoint(value: flows.EndpointData | None) -> dict[str, str] | None:
        return {"Address": value.address, "Type": value.type} if value else None

    queue = contact.queue
    return {
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "Attributes": dict(contact.attributes),
                "Channel": contact.channel,
                "ContactId": contact.contact_id,
                "CustomerEndpoint": endpoint(contact.customer_endpoint),
                "InitialContactId": contact.initial_contact_id,
                "InitiationMethod": contact.initiation_method,
                "InstanceARN": contact.instance_arn,
                "LanguageCode": contact.language_code,
                "PreviousContactId": contact.previous_contact_id or contact.contact_id,
                "Queue": {"ARN": queue.arn, "Name": queue.name} if queue else None,
                "SystemEndpoint": endpoint(contact.system_endpoint),
                "MediaStreams": {},
            },
            "Parameters": dict(parameters),
        },
    }


# The HTTP call itself may not hang forever; the block's own time limit is enforced by the
# engine on its clock.
HTTP_TIMEOUT_SECONDS = 120.0


class LambdaInvoker:
    def __init__(
        self, urls: Mapping[str, str], transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._urls = dict(urls)
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    def url_for(self, function_arn: str) -> str | None:
        if function_arn in self._urls:
            return self._urls[function_arn]
        if function_arn.startswith(("http://", "https://")):
            return function_arn
        return None

    async def invoke(self, function_arn: str, event: Mapping[str, Any]) -> flows.Signal:
        url = self.url_for(function_arn)
        if url is None:
            return flows.LambdaFailed(f"no URL is configured for {function_arn}")
        if self._client is None:
            self._client = httpx.AsyncClient(
                transport=self._transport, timeout=HTTP_TIMEOUT_SECONDS
            )
        try:
            response = await self._client.post(url, json=event)
        except httpx.HTTPError as error:
            return flows.LambdaFailed(f"{function_arn}: {error}")
        if response.status_code >= 300:
            return flows.LambdaFailed(f"{function_arn} answered HTTP {response.status_code}")
        try:
            result = response.json()
        except ValueError:
            return flows.LambdaFailed(f"{function_arn} did not answer with JSON")
        if not isinstance(result, dict):
            return flows.LambdaFailed(f"{function_arn} did not answer with a JSON object")
        return flows.LambdaReturned(result)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
