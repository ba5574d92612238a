"""The flow designer as an editor, in a real browser: an admin creates a flow, adds Play prompt
and Disconnect blocks from the palette, connects them, moves blocks (keyboard, mouse), saves,
publishes and finds it all again after reopening the flow; removing a connected block clears
the branch and says so, and Publish then shows the server's problem on that block. The flow
built in the designer runs: a number pointed at it (Connect API) plays its prompt to a caller.
Screenshots in .artifacts/e2e/<test>/.
"""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots, sign_in
from tests.e2e.connect import connect_client, demo_instance_id

PROMPT = "Thank you for calling the designer test line. Goodbye."
CALLER = "+15555550142"


def test_build_publish_and_run_a_flow(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    admin = browser_context.page("admin", viewport={"width": 1440, "height": 960})
    sign_in(admin, "admin", demo_server.passwords["admin"], next="/admin")
    _admin_menu(admin, "Flows")
    admin.get_by_role("link", name="Create flow").click()
    admin.get_by_label("Name", exact=True).fill("Designer test line")
    admin.get_by_role("button", name="Create").click()
    expect(admin.get_by_role("heading", name="Designer test line")).to_be_visible()
    diagram = admin.get_by_role("group", name="Flow diagram")
    first_disconnect = _block(diagram, "Disconnect / hang up")
    expect(first_disconnect).to_have_count(1)

    # Add Play prompt from the palette (searched) and set what it says.
    prompt_id = _add_block(admin, "Play prompt")
    admin.get_by_label("Text", exact=True).fill(PROMPT)
    expect(_block(diagram, "Play prompt")).to_contain_text("Thank you for calling")

    # Add a Disconnect block too; the flow now has two.
    disconnect_id = _add_block(admin, "Disconnect / hang up")
    expect(_block(diagram, "Disconnect / hang up")).to_have_count(2)

    # The flow still starts at the first Disconnect: it cannot be removed before another
    # start block is chosen.
    first_disconnect_id = "Disconnect"
    _open(diagram, first_disconnect_id)
    expect(admin.get_by_role("button", name="Remove block")).to_be_disabled()
    expect(admin.get_by_text("choose another Start block first")).to_be_visible()

    # Connect: the entry point → Play prompt → the new Disconnect.
    admin.get_by_label("Start block").select_option(prompt_id)
    _open(diagram, prompt_id)
    admin.get_by_label("Success", exact=True).select_option(disconnect_id)

    # The first Disconnect now leads nowhere and nothing leads to it: remove it.
    _open(diagram, first_disconnect_id)
    admin.get_by_role("button", name="Remove block").click()
    dialog = admin.get_by_role("dialog", name="Remove Disconnect / hang up?")
    expect(dialog).to_contain_text("No branch leads to it.")
    dialog.get_by_role("button", name="Remove").click()
    expect(_block(diagram, "Disconnect / hang up")).to_have_count(1)
    # While the modal dialog is open the diagram behind it cannot take focus: wait for it to go.
    expect(dialog).to_be_hidden()

    # Move the prompt with the keyboard: three steps right, two down (10 px each).
    prompt = diagram.locator(f'[data-block-id="{prompt_id}"]')
    before = _place(prompt)
    prompt.focus()
    expect(prompt).to_be_focused()
    for key in ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown", "ArrowDown"]:
        # On the block itself: a press never lands elsewhere if the page is slow to settle.
        prompt.press(key)
    # The page redraws when it can: wait for it, and every press counts.
    expect(prompt.locator(".frame")).to_have_attribute("x", str(round(before[0] + 30)))
    expect(prompt.locator(".frame")).to_have_attribute("y", str(round(before[1] + 20)))
    expect(prompt).to_be_focused()

    # Drag the Disconnect with the mouse: it moves, and the drag does not open it.
    disconnect = diagram.locator(f'[data-block-id="{disconnect_id}"]')
    start = _place(disconnect)
    box = disconnect.locator(".frame").bounding_box()
    assert box is not None
    admin.mouse.move(box["x"] + 60, box["y"] + 10)
    admin.mouse.down()
    admin.mouse.move(box["x"] + 80, box["y"] + 40, steps=4)
    admin.mouse.move(box["x"] + 100, box["y"] + 70, steps=4)
    admin.mouse.up()
    expect(disconnect.locator(".frame")).to_have_attribute("x", str(round(start[0] + 40)))
    expect(disconnect.locator(".frame")).to_have_attribute("y", str(round(start[1] + 60)))
    expect(admin.get_by_role("complementary", name="Disconnect / hang up")).to_have_count(0)

    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("Saved as a draft.")).to_be_visible()
    admin.get_by_role("button", name="Publish", exact=True).click()
    expect(admin.get_by_text("Published. This version now runs.")).to_be_visible()
    shot(admin, "01-flow-built-in-the-designer")

    # Reopen: the same blocks, start, branch and place.
    admin.reload()
    expect(admin.get_by_role("heading", name="Designer test line")).to_be_visible()
    expect(admin.get_by_label("Start block")).to_have_value(prompt_id)
    expect(_block(diagram, "Play prompt")).to_contain_text("Thank you for calling")
    expect(_block(diagram, "Disconnect / hang up")).to_have_count(1)
    reopened = diagram.locator(f'[data-block-id="{prompt_id}"]').locator(".frame")
    expect(reopened).to_have_attribute("x", str(round(before[0] + 30)))
    expect(reopened).to_have_attribute("y", str(round(before[1] + 20)))
    _open(diagram, prompt_id)
    expect(admin.get_by_label("Success", exact=True)).to_have_value(disconnect_id)
    shot(admin, "02-reopened-with-the-prompt-open")

    # The flow runs: point the demo's number at it and call it.
    flow_id = admin.url.rsplit("/", 1)[-1]
    connect = connect_client(demo_server)
    instance = demo_instance_id(demo_server)
    numbers = connect.list_phone_numbers(InstanceId=instance)["PhoneNumberSummaryList"]
    number = next(n for n in numbers if n["PhoneNumber"] == demo_server.phone_number)
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number["Id"], InstanceId=instance, ContactFlowId=flow_id
    )
    answer = httpx.post(
        f"{demo_server.base_url}/sim/calls",
        json={"from": CALLER, "to": demo_server.phone_number},
    )
    assert answer.status_code == 201, answer.text
    call = httpx.get(f"{demo_server.base_url}/sim/calls/{answer.json()['callId']}").json()
    assert [heard["text"] for heard in call["heard"]] == [PROMPT]
    assert call["state"] == "ended"

    # Removing the connected Disconnect says which branch it clears...
    _open(diagram, disconnect_id)
    admin.get_by_role("button", name="Remove block").click()
    dialog = admin.get_by_role("dialog", name="Remove Disconnect / hang up?")
    expect(dialog).to_contain_text("Play prompt → Success")
    dialog.get_by_role("button", name="Remove").click()
    expect(
        admin.get_by_text("Removed Disconnect / hang up. Not connected now: Play prompt → Success.")
    ).to_be_visible()
    expect(dialog).to_be_hidden()
    _open(diagram, prompt_id)
    expect(admin.get_by_label("Success", exact=True)).to_have_value("")

    # ...and Publish refuses the dangling branch: the server's problem is on the block.
    admin.get_by_role("button", name="Publish", exact=True).click()
    expect(admin.get_by_role("alert").first).to_contain_text("The flow is not valid (1 problem)")
    prompt = diagram.locator(f'[data-block-id="{prompt_id}"]')
    expect(prompt).to_have_attribute("aria-label", re.compile(r"\(1 problem\)$"))
    expect(prompt).to_contain_text("there is no NextAction")
    panel = admin.get_by_role("complementary", name="Play prompt")
    expect(panel).to_contain_text("there is no NextAction; every MessageParticipant must say")
    shot(admin, "03-dangling-branch-refused")


def _admin_menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin website").get_by_role(
        "link", name=name, exact=True
    ).click()


def _block(diagram: Locator, name: str) -> Locator:
    # Playwright writes the pattern between slashes: a slash in a name is escaped.
    pattern = "^" + re.escape(name).replace("/", r"\/")
    return diagram.get_by_role("button", name=re.compile(pattern))


def _add_block(page: Page, name: str) -> str:
    """Add a block from the palette by searching for it; returns its new Identifier."""
    palette = page.get_by_role("complementary", name="Add a block")
    palette.get_by_label("Search blocks").fill(name)
    palette.get_by_role("list", name="Blocks").get_by_role("button", name=name, exact=True).click()
    expect(page.get_by_text(f"Added {name}.")).to_be_visible()
    panel = page.get_by_role("complementary", name=name)
    identifier = panel.locator(".id").inner_text().split("·")[-1].strip()
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", identifier
    )
    return identifier


def _open(diagram: Locator, identifier: str) -> None:
    diagram.locator(f'[data-block-id="{identifier}"]').click()


def _place(block: Locator) -> tuple[float, float]:
    """Where a block is drawn in the diagram (its frame's corner, in diagram units)."""
    frame = block.locator(".frame")
    return (float(frame.get_attribute("x") or "nan"), float(frame.get_attribute("y") or "nan"))
