"""The chat thread: the creator's messages, the proposals and the generation cards (numbered as the version strip
numbers them: creation order within the thread)."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Mapping

from nicegui import ui

from components.clarify import ChoiceAction, ClarifyCard
from components.generation_card import GenerationCard
from components.proposal_card import ProposalCard, TemplateInfo, TierOption
from components.variants_view import VariantsView
from routix.chat.views import MessageView
from routix.generation.views import FINISHED, GenerationView
from routix.i18n import t

ProposalGenerate = Callable[[MessageView, str, str], Awaitable[None]]
GenerationAction = Callable[[int], Awaitable[None] | None]
EXAMPLES = ('chat.example_1', 'chat.example_2', 'chat.example_3')


class ChatThread(ui.column):
    """Renders messages once each (by id) and keeps the newest known state of every generation of the thread.

    ``templates()`` maps every slug to how a proposal shows it (asked for when the first proposal is shown, then
    kept: a thread that never shows one never builds it); ``on_generate(proposal, slug, tier)``,
    ``on_cancel(generation_id)`` and ``on_open_history(generation_id)`` are the page's actions.
    """

    def __init__(
        self,
        *,
        lang: str,
        templates: Callable[[], Mapping[str, TemplateInfo]],
        tiers: list[TierOption],
        balance: int,
        on_generate: ProposalGenerate,
        on_cancel: GenerationAction,
        on_open_history: GenerationAction,
    ) -> None:
        super().__init__()
        self.lang = lang
        self._templates = templates
        self._template_infos: Mapping[str, TemplateInfo] | None = None
        self.tiers = tiers
        self.balance = balance
        self._on_generate = on_generate
        self._on_cancel = on_cancel
        self._on_open_history = on_open_history
        self.rendered: set[int] = set()
        self.views: dict[int, GenerationView] = {}
        self.cards: dict[int, GenerationCard] = {}
        self.numbers: dict[int, int] = {}  # generation id → its version number (set_numbers)
        self.proposals: list[ProposalCard] = []
        self.variant_sets: list[VariantsView] = []  # kind 'variants': three thumbnails in the feed mockup
        self.on_regenerate: GenerationAction | None = None  # the page's Regenerate action for finished cards
        self.on_choice: ChoiceAction | None = None  # the page sends a clarifying question's chosen answer with it
        self.classes('w-full gap-4 items-stretch').mark('thread')

    def add(self, message: MessageView) -> None:
        """Append ``message`` unless it is already shown (every tab gets every message as an event)."""
        if message.id in self.rendered:
            return
        self.rendered.add(message.id)
        with self:
            if message.role == 'user':
                self._user_message(message)
            elif message.kind == 'proposal':
                self._proposal(message)
            elif message.kind in ('generation', 'edit'):
                self._generation(message)
            elif message.kind == 'clarify':
                ClarifyCard(message.content, list(message.meta.get('choices') or []), on_choice=self.on_choice)
            elif message.kind == 'variants':
                self.variant_sets.append(VariantsView(message, views=self.views, lang=self.lang))
            else:
                with ui.row().classes('items-start gap-2 no-wrap opacity-90').mark('assistant-text'):
                    ui.icon('smart_toy', color='primary')
                    ui.label(message.content).classes('whitespace-pre-wrap').props('dir=auto')

    def remember(self, view: GenerationView) -> None:
        """Keep the most advanced state of a generation (events and queries may arrive in any order) and show it."""
        known = self.views.get(view.id)
        if known is None or _progress_key(view) >= _progress_key(known):
            self.views[view.id] = view
        card = self.cards.get(view.id)
        if card is not None and not card.is_deleted:
            card.show(self.views[view.id])
        for box in self.variant_sets:
            box.show(self.views)

    def set_balance(self, balance: int) -> None:
        """The creator's balance changed: every proposal shows it."""
        self.balance = balance
        for card in self.proposals:
            if not card.is_deleted:
                card.set_balance(balance)

    def _user_message(self, message: MessageView) -> None:
        with ui.chat_message(sent=True).classes('self-end max-w-[85%]').mark('user-message'):
            ui.label(message.content).classes('whitespace-pre-wrap break-words').props('dir=auto')  # text, never HTML
            if message.upload_urls:
                with ui.row().classes('gap-2 pt-2'):
                    for url in message.upload_urls:
                        image = ui.image(url).classes('w-24 h-24 rounded-lg').props('fit=cover').mark('reference')
                        image.props['alt'] = t('chat.reference', self.lang)

    def _proposal(self, message: MessageView) -> None:
        matches = list(message.meta.get('matches') or [])
        if self._template_infos is None:
            self._template_infos = self._templates()
        infos = self._template_infos

        async def generate(slug: str, tier: str) -> None:
            await self._on_generate(message, slug, tier)

        self.proposals.append(
            ProposalCard(
                message_id=message.id,
                analysis=dict(message.meta.get('analysis') or {}),
                matches=matches,
                templates={m['slug']: infos[m['slug']] for m in matches if m.get('slug') in infos},
                tiers=self.tiers,
                balance=self.balance,
                lang=self.lang,
                on_generate=generate,
            )
        )

    def _generation(self, message: MessageView) -> None:
        generation_id = message.meta.get('generation_id')
        view = self.views.get(generation_id) if isinstance(generation_id, int) else None
        if view is None:
            return  # not this owner's, or deleted: nothing to show
        summary = ''
        if message.kind == 'edit':
            summary = str(message.meta.get('summary_fa') or message.content) if self.lang == 'fa' else message.content
        self.cards[view.id] = GenerationCard(
            view,
            lang=self.lang,
            version=self.numbers.get(view.id),
            summary=summary,
            on_cancel=self._on_cancel,
            on_open_history=self._on_open_history,
            on_regenerate=self.on_regenerate,
        )

    def set_numbers(self, numbers: Mapping[int, int]) -> None:
        """The thread's version numbers as the version strip shows them; every card's title follows."""
        self.numbers = dict(numbers)
        for generation_id, card in self.cards.items():
            if not card.is_deleted:
                card.set_version(self.numbers.get(generation_id))


def empty_state(*, lang: str, on_example: Callable[[str], None]) -> ui.row:
    """What a new chat shows: a friendly hint and three example prompts (one Persian) that fill the composer.

    The fixed part (icon, title, hint) is one HTML element of escaped, translated text; only the example buttons,
    which act, are elements of their own."""
    with ui.row().classes('w-full justify-center text-center gap-2 py-10').mark('empty-state') as box:
        ui.html(
            '<i class="q-icon notranslate material-icons text-primary" aria-hidden="true" style="font-size: 3rem">'
            'auto_awesome</i>'
            f'<div class="text-2xl font-black">{_text("chat.empty_title", lang)}</div>'
            f'<div class="opacity-80 max-w-xl">{_text("chat.empty_hint", lang)}</div>'
            f'<div class="text-sm font-bold opacity-70 pt-2">{_text("chat.try", lang)}</div>'
        ).classes('w-full flex flex-col items-center gap-3 pb-1')
        for key in EXAMPLES:
            text = t(key, lang)
            ui.button(text, on_click=lambda x=text: on_example(x)).props(
                'outline rounded no-caps dir=auto color=primary'
            ).mark('example')
    return box


def _text(key: str, lang: str) -> str:
    return html.escape(t(key, lang), quote=False)


def _progress_key(view: GenerationView) -> tuple[bool, int, int]:
    return view.status in FINISHED, view.stage, view.progress
