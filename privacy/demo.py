"""Demo data for the privacy app: a desk login at the Massachusetts branch,
so the same minor-and-parent question can be tried under two jurisdictions
(the rules of the branch where the desk is decide). Called by seed_demo."""

from __future__ import annotations

from typing import Any

from organisation.management.commands.seed_demo import demo_login
from organisation.roles import Role

LOGINS = [("desk-millbury", "desk staff at Millbury, US-MA rules")]


def seed(ctx: Any) -> None:
    ctx.users["desk-millbury"] = demo_login(
        username="desk-millbury",
        role=Role.DESK_STAFF,
        display_name="Mel",
        branch=ctx.branches["millbury"],
    )
    ctx.say("Privacy demo: desk-millbury (desk staff at Millbury, US-MA).")
