"""The assistant's proposal: how the request was read, the three best templates, the tier, and Generate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from nicegui import ui

from components.badges import palette_swatches, vocab
from components.tips import tip
from routix.design.matching import Reason
from routix.i18n import t

BREAKDOWN_KEYS: tuple[str, ...] = ('category', 'style', 'mood', 'palette', 'text_fit', 'script')
GenerateHandler = Callable[[str, str], Awaitable[None]]
_SELECTED = 'box-shadow: inset 0 0 0 3px var(--q-primary)'  # the focus ring is an outline: both can show at once


@dataclass(kw_only=True, slots=True)
class TierOption:
    """A tier the creator can pick, with what it costs; ``missing`` names the settings the operator must set (any
    one of them) when this server has no provider for it: the tier is then shown disabled with that reason."""

    tier: str
    cost: int
    missing: tuple[str, ...] = ()


@dataclass(kw_only=True, slots=True)
class TemplateInfo:
    """What a proposal shows of a matched template besides the match itself."""

    name: str
    preview_url: str


class ProposalCard(ui.card):
    """Analysis + matches + tier picker; ``on_generate(template_slug, tier)`` starts the generation."""

    def __init__(
        self,
        *,
        message_id: int,
        analysis: dict[str, Any],
        matches: list[dict[str, Any]],
        templates: dict[str, TemplateInfo],
        tiers: list[TierOption],
        balance: int,
        lang: str,
        on_generate: GenerateHandler,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.matches = matches
        self.tiers = tiers
        self.selected = matches[0]['slug'] if matches else ''
        self.tier = next((o.tier for o in tiers if not o.missing), 'basic')
        self._on_generate = on_generate
        self._match_cards: dict[str, ui.card] = {}
        self._tier_buttons: dict[str, ui.button] = {}
        self.classes('w-full rounded-2xl shadow-md p-4 gap-4').mark('proposal', f'proposal-{message_id}')
        with self:
            with ui.row().classes('items-center gap-2'):
                ui.icon('auto_awesome', color='primary', size='sm')
                ui.label(t('proposal.title', lang)).classes('text-base font-bold')
            self._analysis(analysis)
            heading = ui.label(t('proposal.templates', lang)).classes('text-sm font-bold opacity-80')
            with ui.element('div').classes('w-full grid grid-cols-1 sm:grid-cols-3 gap-3') as grid:
                grid.props.update({'role': 'group', 'aria-labelledby': heading.html_id})
                for match in matches:
                    info = templates.get(match['slug']) or TemplateInfo(name=match.get('name', ''), preview_url='')
                    self._match_cards[match['slug']] = self._match_card(match, info)
            with ui.row().classes('w-full items-end justify-between gap-3'):
                with ui.column().classes('gap-1'):
                    tier_heading = ui.label(t('proposal.tier', lang)).classes('text-sm font-bold opacity-80')
                    with ui.row().classes('gap-2') as chips:
                        chips.props.update({'role': 'group', 'aria-labelledby': tier_heading.html_id})
                        for option in tiers:
                            self._tier_buttons[option.tier] = self._tier_button(option)
                    for option in tiers:
                        if option.missing:
                            settings = t('proposal.or', lang).join(option.missing)
                            reason = (
                                f'{vocab("tier", option.tier, lang)}: {t("proposal.tier_off", lang, settings=settings)}'
                            )
                            ui.label(reason).classes('text-xs opacity-80 break-words').mark(f'tier-off-{option.tier}')
                    self._balance = ui.label().classes('text-xs opacity-80').mark('balance')
                with ui.column().classes('gap-1 items-end'):
                    self._cost = ui.label().classes('text-sm font-bold').mark('cost')
                    self._generate = (
                        ui.button(t('proposal.generate', lang), icon='bolt', on_click=self._generate_clicked)
                        .props('unelevated rounded no-caps size=lg')
                        .classes('px-6')
                        .mark('generate')
                    )
                    self._generate.props['aria-describedby'] = self._cost.html_id
        self.set_balance(balance)
        self._restyle()

    def set_balance(self, balance: int) -> None:
        """Show the creator's current balance (and dim the tiers it cannot pay for)."""
        self._balance.text = t('proposal.balance', self.lang, n=balance)
        for option in self.tiers:
            self._tier_buttons[option.tier].classes(remove='routix-unaffordable')
            if option.cost > balance:
                self._tier_buttons[option.tier].classes('routix-unaffordable')

    def select(self, slug: str) -> None:
        """Pick a template among the matches."""
        self.selected = slug
        self._restyle()

    def pick_tier(self, tier: str) -> None:
        """Pick the tier (one this server cannot make is refused: its chip is disabled)."""
        if any(o.tier == tier and not o.missing for o in self.tiers):
            self.tier = tier
            self._restyle()

    # ---- pieces --------------------------------------------------------------------------------------------------

    def _analysis(self, analysis: dict[str, Any]) -> None:
        lang = self.lang
        with (
            ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-3 gap-x-4 gap-y-2 text-sm').mark('analysis')
        ):
            for key, kind in (('category', 'category'), ('style', 'style'), ('mood', 'mood'), ('language', 'language')):
                with ui.column().classes('gap-0'):
                    ui.label(t(f'proposal.{key}', lang)).classes('text-xs opacity-70')
                    ui.label(vocab(kind, str(analysis.get(key, '')), lang)).classes('font-medium').mark(
                        f'analysis-{key}'
                    )
            with ui.column().classes('gap-1'):
                ui.label(t('proposal.palette', lang)).classes('text-xs opacity-70')
                palette_swatches(list(analysis.get('palette') or []), size='w-5 h-5')
        with ui.column().classes('w-full gap-0'):
            ui.label(t('proposal.headline', lang)).classes('text-xs opacity-70')
            ui.label(str(analysis.get('headline', ''))).classes('text-xl font-black leading-tight').props(
                'dir=auto'
            ).mark('analysis-headline')

    def _match_card(self, match: dict[str, Any], info: TemplateInfo) -> ui.card:
        slug = match['slug']
        card = (
            ui.card()
            .tight()
            .classes('cursor-pointer rounded-xl overflow-hidden transition-all routix-focusable')
            .mark('match', f'match-{slug}')
        )
        score = round(float(match.get('score', 0)) * 100)
        # a toggle button for the keyboard and screen readers: Tab reaches it, Enter or Space picks it
        card.props.update({'role': 'button', 'tabindex': '0'})  # named by its text: the name, the score, the reasons
        card.on('click', lambda: self.select(slug))
        card.on('keydown.enter.prevent', lambda: self.select(slug))
        card.on('keydown.space.prevent', lambda: self.select(slug))
        with card:
            if info.preview_url:
                preview = ui.image(info.preview_url).props('ratio=1.7778 loading=lazy no-spinner').classes('w-full')
                preview.props['alt'] = info.name
            with ui.column().classes('w-full p-3 gap-1'):
                with ui.row().classes('w-full items-center justify-between no-wrap'):
                    ui.label(info.name).classes('font-bold text-sm truncate').props('dir=auto')
                    ui.badge(t('proposal.match', self.lang, score=score), color='primary').classes('shrink-0').mark(
                        'match-score'
                    )
                breakdown = match.get('breakdown') or {}
                with ui.element('div').classes('w-full grid grid-cols-2 gap-x-3 gap-y-0.5'):
                    for key in BREAKDOWN_KEYS:
                        if key not in breakdown:
                            continue
                        value = max(0.0, min(float(breakdown[key]), 1.0))
                        with ui.column().classes('gap-0'):
                            ui.label(t(f'proposal.breakdown.{key}', self.lang)).classes('text-[10px] opacity-70')
                            bar = ui.linear_progress(value=value, show_value=False, size='4px').props('rounded')
                            tip(bar, f'{round(value * 100)}%')
                reasons = match.get('reasons') or []
                if reasons:
                    ui.label(' · '.join(reason_text(r, self.lang) for r in reasons)).classes(
                        'text-xs opacity-80 leading-snug'
                    )
        return card

    def _tier_button(self, option: TierOption) -> ui.button:
        cost = t('studio.credits', self.lang, n=option.cost) if option.cost else t('studio.free', self.lang)
        button = (
            ui.button(on_click=lambda: self.pick_tier(option.tier))
            .props('no-caps rounded unelevated')
            .mark(f'tier-{option.tier}')
        )
        with button, ui.column().classes('gap-0 items-center'):
            ui.label(vocab('tier', option.tier, self.lang)).classes('font-bold leading-tight')
            ui.label(cost).classes('text-[11px] leading-tight routix-tier-cost')
        if option.missing:
            button.disable()
        return button

    def _restyle(self) -> None:
        for slug, card in self._match_cards.items():
            if slug == self.selected:
                card.classes(remove='routix-unpicked').style(_SELECTED)
            else:
                card.classes('routix-unpicked').style(remove=_SELECTED)
            card.props['aria-pressed'] = 'true' if slug == self.selected else 'false'
        for tier, button in self._tier_buttons.items():
            chosen = tier == self.tier
            button.props(f'color={"primary" if chosen else "grey-3"} text-color={"white" if chosen else "grey-9"}')
            button.props['aria-pressed'] = 'true' if chosen else 'false'
        cost = next((o.cost for o in self.tiers if o.tier == self.tier), 0)
        self._cost.text = t('proposal.cost', self.lang, n=cost) if cost else t('proposal.cost_free', self.lang)

    async def _generate_clicked(self) -> None:
        self._generate.props('loading')
        self._generate.disable()
        try:
            await self._on_generate(self.selected, self.tier)
        finally:
            if not self._generate.is_deleted:
                self._generate.props(remove='loading')
                self._generate.enable()


def reason_text(reason: object, lang: str) -> str:
    """A matcher reason (``{'code', 'params'}`` as stored, or a ``Reason``) in the page's language.

    A proposal stored before reasons had codes holds English strings: those are shown as they are.
    """
    if isinstance(reason, Reason):
        reason = reason.to_dict()
    if not isinstance(reason, dict):
        return str(reason)
    params = dict(reason.get('params') or {})
    if lang != 'en':  # English keeps the matcher's own lower-case words: "same style", "related category (tech)"
        aspect = params.get('aspect')
        if aspect and 'value' in params:
            params['value'] = vocab(str(aspect), str(params['value']), lang)
        if aspect:
            params['aspect'] = t(f'proposal.{aspect}', lang)
        if 'category' in params:
            params['category'] = vocab('category', str(params['category']), lang)
    return t(f'proposal.reason.{reason.get("code", "")}', lang, **params)
