"""Where things lie on a page of a rendered notice (PDF points, y upwards), read back from the PDF with pypdf —
shared by the apps' layout tests."""

from __future__ import annotations

from typing import NamedTuple

from pypdf.generic import ContentStream

SEAL_RED = (0.8, 0.0, 0.0)  # the seal placeholder's #c00


class Line(NamedTuple):
    text: str
    left: float
    bottom: float  # of the glyphs: CJK glyphs reach about 0.12 em below the baseline and 0.88 em above it
    top: float


def _multiply(m, n) -> list[float]:
    """The PDF matrix product m × n (matrices written [a b c d e f])."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]


def text_lines(page) -> list[Line]:
    """The page's runs of text (WeasyPrint writes one per line), top to bottom."""
    lines = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            matrix = _multiply(tm, cm)
            height = size * abs(matrix[3])
            lines.append(Line(text.strip(), matrix[4], matrix[5] - 0.12 * height, matrix[5] + 0.88 * height))

    page.extract_text(visitor_text=visit)
    return lines


def seal_span(page, reader) -> tuple[float, float] | None:
    """(bottom, top) of the seal placeholder, the red ring WeasyPrint fills along curves; None without one."""
    ctm: list[float] = [1, 0, 0, 1, 0, 0]
    stack: list[tuple[list[float], tuple | None]] = []
    fill: tuple | None = None
    path: list[float] = []
    curved = False
    ring: list[float] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append((ctm, fill))
        elif operator == b"Q":
            ctm, fill = stack.pop()
        elif operator == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif operator == b"rg":
            fill = tuple(round(float(v), 2) for v in operands)
        elif operator in (b"m", b"l", b"c"):
            values = [float(v) for v in operands]
            path += [_multiply([1, 0, 0, 1, x, y], ctm)[5] for x, y in zip(values[::2], values[1::2], strict=True)]
            curved |= operator == b"c"
        elif operator in (b"f", b"f*", b"n", b"S", b"s", b"B", b"B*", b"b", b"b*"):
            if operator in (b"f", b"f*") and fill == SEAL_RED and curved:
                ring += path
            path, curved = [], False
    return (min(ring), max(ring)) if ring else None
