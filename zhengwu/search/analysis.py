"""Chinese text analysis for the index: jieba segmentation, pinyin initials, query terms and snippets."""

from __future__ import annotations

import functools
import logging
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@functools.cache
def _jieba():
    """jieba, imported on first use: its dictionary costs ~20 MB, which processes that never search need not pay."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.cache
def _pinyin():
    """(lazy_pinyin, Style) on first use (~55 MB of dictionaries), or None without the package: pinyin initials are
    a convenience, titles are still found by their words."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is in requirements/base.txt
        return None
    return lazy_pinyin, Style


# Anything that is not a letter or a digit separates tokens (FTS5's unicode61 and PostgreSQL's parser agree).
_SEPARATORS = re.compile(r"[\W_]+")
_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
_HAN_RUN = re.compile(f"{_HAN}+")
# Spaces between Chinese characters: written Chinese has none, so a user's space there (`许可 证`) only splits a word.
_SPACE_IN_HAN = re.compile(rf"(?<={_HAN})\s+(?={_HAN})")
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MAX_INITIALS = 32
PREFIX_MIN_CHARS = 2
SNIPPET_CHARS = 90


def _split(words) -> list[str]:
    out: list[str] = []
    for word in words:
        out.extend(part for part in _SEPARATORS.split(word.lower()) if part)
    return out


def tokenize(text: str) -> str:
    """jieba `cut_for_search` tokens of `text`, lower-cased, without punctuation, joined by spaces."""
    if not text:
        return ""
    return " ".join(_split(_jieba().cut_for_search(text)))


def title_initials(title: str) -> list[str]:
    """Pinyin initials of the title's words, from each word to the end of its run of Han characters.

    `食品经营许可` gives `spjyxk`, `jyxk`, `xk`; searching matches initials as prefixes, so `spjy` finds it too.
    """
    pinyin = _pinyin()
    if pinyin is None or not title:
        return []
    initials: list[str] = []
    for run in _HAN_RUN.findall(title):
        lazy_pinyin, style = pinyin
        letters = ["".join(lazy_pinyin(word, style=style.FIRST_LETTER)).lower() for word in _jieba().cut(run)]
        for start in range(len(letters)):
            token = "".join(letters[start:])[:MAX_INITIALS]
            if len(token) >= 2 and token.isascii() and token.isalpha():
                initials.append(token)
    return list(dict.fromkeys(initials))


def title_tokens(title: str) -> str:
    words = tokenize(title)
    initials = " ".join(title_initials(title))
    return f"{words} {initials}".strip()


@functools.cache
def _dictionary() -> dict:
    jieba = _jieba()
    jieba.initialize()
    return jieba.dt.FREQ


def _pieces(word: str) -> list[str]:
    """The dictionary words inside `word` when they cover all of it (how `cut_for_search` indexes it), else it."""
    if len(word) <= 2:
        return [word]
    freq = _dictionary()
    pieces, covered = [], set()
    for size in (2, 3):
        for start in range(len(word) - size + 1):
            gram = word[start : start + size]
            if gram != word and freq.get(gram):
                pieces.append(gram)
                covered.update(range(start, start + size))
    return pieces if len(covered) == len(word) else [word]


def query_terms(query: str) -> list[str]:
    """The terms every hit must contain, from the user's query (never raises, whatever the input)."""
    query = _SPACE_IN_HAN.sub("", (query or "")[:MAX_QUERY_CHARS])
    terms: list[str] = []
    for word in _split(_jieba().cut(query)):
        terms.extend(_pieces(word))
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def is_prefix_term(term: str) -> bool:
    """Letters and digits (pinyin initials, words being typed) match as prefixes; Chinese words exactly: the index
    holds the dictionary words inside long words already, and exact terms let PostgreSQL's planner use the
    lexeme statistics (it cannot estimate a prefix, and a wrong estimate costs seconds on a large table)."""
    return len(term) >= PREFIX_MIN_CHARS and term.isascii()


def snippet(body: str, terms: list[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `body` around the first matching term, the terms wrapped in <mark>."""
    body = " ".join((body or "").split())
    if not body:
        return mark_safe("")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I) if terms else None
    match = pattern.search(body) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    excerpt = body[start : start + length]
    parts, last = [], 0
    for found in pattern.finditer(excerpt) if pattern else ():
        parts.append(escape(excerpt[last : found.start()]))
        parts.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    parts.append(escape(excerpt[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(body) else ""
    return mark_safe(prefix + "".join(parts) + suffix)


def warm() -> None:
    """Load the segmenter's dictionary now (about a second), so that a web process's first search is not slow.
    Called by the WSGI entry point only: commands and tests load it when they first need it."""
    _dictionary()
