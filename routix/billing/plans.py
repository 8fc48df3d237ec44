"""Plans and credit packs as configuration: built-in defaults, or a JSON file named by ``ROUTIX_PLANS_FILE``.

A plan has a name, monthly credits (added once per calendar month, see ``refill``), a price (Stripe Checkout), whether
basic thumbnails carry the watermark, the generation tiers it allows and the account tier it shows (``users.tier``,
kept in step with ``users.plan`` by every plan change). The first plan is the one every new account starts on.

The file holds ``{"currency": "usd", "plans": [{"name": …, "monthly_credits": …, "price_cents": …, "watermark": …,
"tiers": [...], "tier": …}, …], "packs": [{"name": …, "credits": …, "price_cents": …}, …]}``; what it leaves out
keeps the default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from routix.core.config import Settings
from routix.core.errors import InvalidRequest
from routix.models import User
from routix.vocabulary import TIERS

ACCOUNT_TIERS = ('free', 'premium', 'pro')


@dataclass(kw_only=True, frozen=True, slots=True)
class Plan:
    """What an account on this plan gets."""

    name: str
    monthly_credits: int = 0
    price_cents: int = 0  # per month, in the book's currency; 0 cannot be bought
    watermark: bool = False  # basic thumbnails (and their exports) carry the free watermark
    tiers: tuple[str, ...] = tuple(TIERS)  # generation tiers this plan may use
    tier: str = 'premium'  # the account tier shown for this plan (users.tier)


@dataclass(kw_only=True, frozen=True, slots=True)
class CreditPack:
    """Credits bought once."""

    name: str
    credits: int
    price_cents: int


DEFAULT_PLANS = (
    Plan(name='free', monthly_credits=0, price_cents=0, watermark=True, tier='free'),
    Plan(name='creator', monthly_credits=200, price_cents=900, tier='premium'),
    Plan(name='pro', monthly_credits=1000, price_cents=2900, tier='pro'),
)
DEFAULT_PACKS = (CreditPack(name='pack-100', credits=100, price_cents=500),)


@dataclass(kw_only=True, frozen=True, slots=True)
class PlanBook:
    """Every plan and pack this server offers."""

    plans: tuple[Plan, ...] = DEFAULT_PLANS
    packs: tuple[CreditPack, ...] = DEFAULT_PACKS
    currency: str = 'usd'

    @property
    def default(self) -> Plan:
        """The plan new accounts (and expired purchases) are on."""
        return self.plans[0]

    def get(self, name: str) -> Plan:
        """The plan called ``name``; an unknown name (a plan removed from the file) reads as the default plan."""
        return next((plan for plan in self.plans if plan.name == name), self.default)

    def named(self, name: str) -> Plan:
        """The plan called ``name`` or InvalidRequest('plan.unknown')."""
        plan = next((plan for plan in self.plans if plan.name == name), None)
        if plan is None:
            raise InvalidRequest('plan.unknown', plan=name[:40])
        return plan

    def pack(self, name: str) -> CreditPack:
        """The credit pack called ``name`` or InvalidRequest('plan.unknown')."""
        pack = next((pack for pack in self.packs if pack.name == name), None)
        if pack is None:
            raise InvalidRequest('plan.unknown', plan=name[:40])
        return pack

    def plan_of(self, user: User) -> Plan:
        """The plan this account is on."""
        return self.get(user.plan)

    def watermarked(self, user: User) -> bool:
        """Whether this account's basic thumbnails carry the watermark: its plan says so and its tier is free.

        Accounts given a paid tier before plans existed (``users.tier`` other than 'free') keep their unmarked
        thumbnails; every plan change sets the tier from the plan, so for the rest the plan alone decides."""
        return self.plan_of(user).watermark and user.tier == 'free'

    def allows(self, user: User, tier: str) -> bool:
        """Whether this account's plan includes generations of ``tier``."""
        return tier in self.plan_of(user).tiers


def plan_book(settings: Settings) -> PlanBook:
    """The plans of this server: the file is read once per process, when the services are built at start-up (a bad
    file stops the start there), so the console, the billing page and every generation see the same plans and no
    generation reads a file on the event loop. Edit the file, then restart."""
    path = settings.plans_file
    if path is None:
        return PlanBook()
    return _read(path.resolve())


@lru_cache(maxsize=8)
def _read(path: Path) -> PlanBook:
    try:
        text = path.read_text(encoding='utf-8')
    except OSError as e:
        raise SystemExit(f'ROUTIX_PLANS_FILE {path} cannot be read: {e.strerror}') from None
    try:
        raw: dict[str, Any] = json.loads(text)
        plans = tuple(_plan(item) for item in raw.get('plans') or []) or DEFAULT_PLANS
        packs = tuple(CreditPack(**item) for item in raw.get('packs') or []) or DEFAULT_PACKS
        book = PlanBook(plans=plans, packs=packs, currency=str(raw.get('currency') or 'usd').lower())
    except (ValueError, TypeError, AttributeError) as e:
        raise SystemExit(f'ROUTIX_PLANS_FILE {path} is not a valid plans file: {e}') from None
    names = [p.name for p in book.plans] + [p.name for p in book.packs]
    if len(set(names)) != len(names):
        raise SystemExit(f'ROUTIX_PLANS_FILE {path}: every plan and pack needs its own name')
    return book


def _plan(item: dict[str, Any]) -> Plan:
    tiers = tuple(item.pop('tiers', TIERS))
    if not set(tiers) <= set(TIERS) or 'basic' not in tiers:
        raise ValueError(f'plan {item.get("name")!r}: tiers must include basic and be among {", ".join(TIERS)}')
    watermark = bool(item.get('watermark', False))
    tier = str(item.pop('tier', 'free' if watermark else 'premium'))
    if tier not in ACCOUNT_TIERS:
        raise ValueError(f'plan {item.get("name")!r}: tier must be one of {", ".join(ACCOUNT_TIERS)}')
    return Plan(**item, tiers=tiers, tier=tier)
