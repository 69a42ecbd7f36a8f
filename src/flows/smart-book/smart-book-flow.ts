// "Info KB (Smart Book)": browse the counselling cards by numbered topics, or find one with INFO <kata>. The cards
// are handed in (loaded and checked at start-up by src/smart-book/), so the flow stays pure.
//
// INFO works from anywhere, also in the middle of another flow: a cadre filling in the recap while a family asks about
// implants gets the card and then the open question again. INFO alone, or a search with several cards, opens the
// browser (the open flow is left as MENU leaves it: a recap stays a draft). Inside another flow a message is only
// taken for INFO when it finds something, so a free-text answer that happens to start with "info" stays an answer.
import { CARD_CATEGORIES, renderCard, type CardCategory, type SmartBook, type SmartBookCard } from '../../domain/smart-book.js';
import type { Actor, FlowDefinition, Scope } from '../engine/types.js';
import { normalizeInput, parseChoice, type ChoiceOption } from '../parse/index.js';
import { queryWords, searchCards, wordsOf } from './search.js';
import {
  afterCardText,
  BROWSE_BRIEF,
  BROWSE_HELP,
  CARD_GONE,
  cardListText,
  categoriesText,
  NO_CARDS,
  NOT_IN_LIST,
  notFoundText,
  SEARCH_HEADING,
} from './smart-book-texts.js';

export const SMART_BOOK_FLOW = 'smart_book';

/** A list on screen: a topic's cards or a search's, by card id (ids survive restarts and edits of the files). */
interface ListView {
  kind: 'list';
  of: CardCategory | 'search';
  cards: string[];
}
/** What the sender sees now; the numbers they type refer to it. */
type View = { kind: 'categories' } | ListView | { kind: 'card'; card: string; list: ListView | null };
interface Shown {
  view: View;
  /** One line before the view (nothing found, a number not listed); cleared by the next answer. */
  notice?: string;
}

/** "INFO", "info implan", "/info: KB suntik" → the words after INFO ('' for none); null when not INFO. */
export function infoQuery(text: string): string | null {
  const m = /^[/#!]?info\b[\s:.,!?-]*(.*)$/isu.exec(normalizeInput(text));
  return m ? m[1]!.trim() : null;
}

/** Residents read the cards meant for everyone (the methods, where to get them); registered people read them all. */
export function cardsFor(book: SmartBook, actor: Actor): SmartBookCard[] {
  return book.cards.filter((card) => card.audience === 'semua' || actor.kind === 'person');
}

const BACK = /^(?:0|kembali|balik|back)$/i;
const BARE_NUMBER = /^\(?(\d{1,3})[.)]?$/;

export function buildSmartBookFlow(book: SmartBook) {
  const visible = (scope: Scope) => cardsFor(book, scope.actor);
  const byId = (scope: Scope, id: string) => visible(scope).find((card) => card.id === id);
  const categoriesOf = (scope: Scope) => CARD_CATEGORIES.filter((c) => visible(scope).some((card) => card.category === c.key));
  const shownOf = (scope: Scope) => scope.results.shown?.value as Shown | undefined;
  /** The list as it stands now: cards removed from the book since it was shown are left out. */
  const liveList = (scope: Scope, list: ListView): SmartBookCard[] => list.cards.flatMap((id) => byId(scope, id) ?? []);
  const topicList = (scope: Scope, category: CardCategory): ListView => ({
    kind: 'list',
    of: category,
    cards: visible(scope).filter((card) => card.category === category).map((card) => card.id),
  });

  /** A search while browsing: one card opens (numbers still refer to the list on screen), several make a list. */
  function searchWhileBrowsing(scope: Scope, query: string, current: View): Shown {
    const result = searchCards(visible(scope), query);
    if (result.kind === 'found' && result.cards.length === 1) {
      const card = result.cards[0]!.id;
      // The numbers on screen still work when the card found is one of them; otherwise 0 leads to the topics.
      const onScreen = current.kind === 'list' ? current : current.kind === 'card' ? current.list : null;
      return { view: { kind: 'card', card, list: onScreen?.cards.includes(card) ? onScreen : null } };
    }
    if (result.kind === 'found') return { view: { kind: 'list', of: 'search', cards: result.cards.map((c) => c.id) } };
    return { view: current, notice: notFound(scope, result.near) };
  }

  function notFound(scope: Scope, near: readonly SmartBookCard[]): string {
    const hints = (near.length > 0 ? near : visible(scope)).slice(0, 3).map((card) => card.keywords[0] ?? card.id);
    return notFoundText(hints, near.length > 0);
  }

  /** The answer read against what is on screen. */
  function read(scope: Scope, current: View, typed: string): Shown {
    const info = infoQuery(typed);
    const text = info ?? typed;
    if (info !== null && queryWords(info).length === 0) return { view: { kind: 'categories' } };
    if (BACK.test(text)) {
      if (current.kind === 'card' && current.list) return { view: current.list };
      return { view: { kind: 'categories' } };
    }
    const number = BARE_NUMBER.exec(text);
    if (current.kind === 'categories') {
      const options: ChoiceOption<CardCategory>[] = categoriesOf(scope).map((c, i) => ({ key: c.key, number: i + 1, words: c.words, label: c.label }));
      const chosen = parseChoice(text, options);
      if (chosen) return { view: topicList(scope, chosen) };
      if (number) return { view: current, notice: NOT_IN_LIST };
      return searchWhileBrowsing(scope, text, current);
    }
    const list = current.kind === 'list' ? current : current.list;
    if (number) {
      const card = list ? liveList(scope, list)[Number(number[1]) - 1] : undefined;
      if (!card) return { view: current, notice: NOT_IN_LIST };
      return { view: { kind: 'card', card: card.id, list } };
    }
    return searchWhileBrowsing(scope, text, current);
  }

  /** The card on screen, as a message of its own before the way on (not again after "not found"). */
  function cardShown(scope: Scope): string {
    const shown = shownOf(scope);
    if (shown?.view.kind !== 'card' || shown.notice) return '';
    const card = byId(scope, shown.view.card);
    return card ? renderCard(card) : '';
  }

  function render(scope: Scope): string {
    const shown = shownOf(scope) ?? { view: { kind: 'categories' } };
    const notice = shown.notice ? `${shown.notice}\n\n` : '';
    const { view } = shown;
    if (view.kind === 'card') {
      const card = byId(scope, view.card);
      const list = view.list ? liveList(scope, view.list) : null;
      if (!card) return `${CARD_GONE}\n\n${categoriesView(scope)}`;
      // After "not found" the card stays where it was on screen: only the way on is repeated, not 700 characters.
      if (shown.notice) return `${notice}${BROWSE_BRIEF} MENU untuk keluar.`;
      return afterCardText(list ? list.length : null);
    }
    if (view.kind === 'list') {
      const cards = liveList(scope, view);
      if (cards.length === 0) return `${notice}${categoriesView(scope)}`;
      const heading = view.of === 'search' ? SEARCH_HEADING(cards.length) : `*${CARD_CATEGORIES.find((c) => c.key === view.of)?.label ?? ''}*`;
      return `${notice}${cardListText(heading, cards.map((c) => c.title))}`;
    }
    return `${notice}${categoriesView(scope)}`;
  }

  function categoriesView(scope: Scope): string {
    const example = visible(scope).find((card) => card.keywords.length > 0)?.keywords[0] ?? null;
    return categoriesText(categoriesOf(scope).map((c) => c.label), example);
  }

  /** INFO typed inside another flow counts only when it finds something (or asks for the whole book). */
  const isInfoAnywhere = (text: string) => {
    const query = infoQuery(text);
    if (query === null) return false;
    if (queryWords(query).length === 0) return wordsOf(query).length <= 2;
    return wordsOf(query).length <= 6 && searchCards(book.cards, query).kind === 'found';
  };

  return {
    id: SMART_BOOK_FLOW,
    version: 1,
    start: 'smart_book.open',
    help: BROWSE_HELP,
    nodes: {
      // From the menu: the topics.
      'smart_book.open': {
        kind: 'action',
        run: (scope) => (visible(scope).length === 0 ? { category: 'empty' } : { category: 'ok', results: { shown: { view: { kind: 'categories' } } satisfies Shown } }),
        routes: { ok: 'smart_book.browse', empty: 'smart_book.empty' },
      },
      // INFO [kata], typed anywhere; inside the browser it comes with what is on screen (`shown`).
      'smart_book.command': {
        kind: 'action',
        run: (scope) => {
          if (visible(scope).length === 0) return { category: 'empty' };
          const query = infoQuery(String(scope.results.trigger?.value ?? '')) ?? '';
          const current = shownOf(scope)?.view;
          if (queryWords(query).length === 0) return { category: 'ok', results: { shown: { view: { kind: 'categories' } } satisfies Shown } };
          if (current) return { category: 'ok', results: { shown: searchWhileBrowsing(scope, query, current) } };
          const result = searchCards(visible(scope), query);
          if (result.kind === 'found' && result.cards.length === 1) return { category: 'once', results: { found: result.cards[0]!.id } };
          if (result.kind === 'found') {
            return { category: 'ok', results: { shown: { view: { kind: 'list', of: 'search', cards: result.cards.map((c) => c.id) } } satisfies Shown } };
          }
          return { category: 'none', results: { hint: notFound(scope, result.near) } };
        },
        routes: { ok: 'smart_book.browse', once: 'smart_book.card_once', none: 'smart_book.not_found', empty: 'smart_book.empty' },
      },
      'smart_book.browse': {
        kind: 'ask',
        preface: cardShown,
        prompt: render,
        brief: `${BROWSE_BRIEF} MENU untuk keluar.`,
        validate: { name: 'text', args: { maxLength: 100 } },
        result: 'answer',
        routes: { ok: 'smart_book.read' },
      },
      'smart_book.read': {
        kind: 'action',
        run: (scope) => {
          const current = shownOf(scope)?.view ?? { kind: 'categories' };
          return { category: 'ok', results: { shown: read(scope, current, String(scope.results.answer?.value ?? '')) } };
        },
        routes: { ok: 'smart_book.browse' },
      },
      'smart_book.card_once': {
        kind: 'end',
        text: (scope) => {
          const card = byId(scope, String(scope.results.found?.value ?? ''));
          // The card alone: nothing stays open, and inside another flow its question follows.
          return card ? renderCard(card) : CARD_GONE;
        },
      },
      'smart_book.not_found': { kind: 'end', text: (scope) => String(scope.results.hint?.value ?? notFoundText([], false)) },
      'smart_book.empty': { kind: 'end', text: NO_CARDS },
    },
    entries: [
      // Inside another flow (global) and inside this one (inside: read with what is on screen).
      { matches: isInfoAnywhere, node: 'smart_book.command', global: true, inside: true },
      // With nothing open, every INFO is answered, also "tidak ditemukan".
      { matches: (text: string) => infoQuery(text) !== null, node: 'smart_book.command' },
    ],
    // After every existing item, so the numbers people know stay the same.
    menu: {
      audience: ['resident', 'ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
      label: 'Info KB (Smart Book)',
      words: ['info kb', 'smart book', 'buku pintar', 'kartu konseling'],
      order: 97,
    },
  } satisfies FlowDefinition;
}
