"""Reads of the disclosure app: what the public may see, what staff see, and the hooks for other apps.

Public reads go through `public_items()` (listed: published only) and `item_by_index()` (published, superseded
or withdrawn — the record stays reachable by its index number); nothing in a draft, under check or refused ever
leaves these functions.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from zhengwu.calendar.services import UnknownCalendarYear, add_working_days
from zhengwu.search import services as search

from . import clock
from .models import (
    OPEN_REQUEST_STATES,
    PUBLIC_STATES,
    Category,
    Item,
    ItemState,
    Request,
    RequestState,
)
from .permissions import acting_scope, reading_scope
from .search_index import KIND


# -- public -------------------------------------------------------------------------------------------------------
def public_items() -> QuerySet[Item]:
    return Item.objects.filter(state=ItemState.PUBLISHED)


def filter_public(
    *,
    department_id: int | None = None,
    category: Category | None = None,
    year: int | None = None,
    document_number: str = "",
    query: str = "",
) -> QuerySet[Item]:
    """Published items by department, category (and its sub-categories), year of publication, 文号 and words."""
    items = public_items()
    if department_id:
        items = items.filter(department_id=department_id)
    if category is not None:
        items = items.filter(Q(category=category) | Q(category__parent=category))
    if year:
        items = items.filter(published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31))
    if document_number:
        items = items.filter(document_number__icontains=document_number.strip())
    if query.strip():
        items = items.filter(pk__in=search.matching_ids(KIND, query))
    return items.select_related("department", "category").order_by("-published_on", "-pk")


def search_public(query: str, *, department_id: int | None = None, limit: int = 20, offset: int = 0):
    """Full-text search (title and body, jieba) over published items; hits carry the items."""
    page = search.search(KIND, query, department_id=department_id, limit=limit, offset=offset)
    items = {item.pk: item for item in public_items().filter(pk__in=[hit.object_id for hit in page.hits])}
    return page, [(hit, items[hit.object_id]) for hit in page.hits if hit.object_id in items]


def item_by_index(department_code: str, index_number: str) -> Item | None:
    return (
        Item.objects.filter(state__in=PUBLIC_STATES, department__code=department_code, index_number=index_number)
        .select_related("department", "category", "drafted_by", "secrecy_reviewer", "reviewed_by", "supersedes")
        .first()
    )


def public_item(pk: int) -> Item | None:
    return (
        Item.objects.filter(state__in=PUBLIC_STATES, pk=pk)
        .select_related("department", "category", "drafted_by", "secrecy_reviewer", "reviewed_by", "supersedes")
        .first()
    )


def catalogue(department_id: int) -> list[dict]:
    """The department's category tree with the number of published items in each node (children included)."""
    categories = list(Category.objects.filter(department_id=department_id).order_by("order", "code"))
    counts = dict(
        public_items().filter(department_id=department_id).values_list("category_id").annotate(n=Count("pk")).order_by()
    )
    nodes = {c.pk: {"category": c, "count": counts.get(c.pk, 0), "children": []} for c in categories}
    roots = []
    for category in categories:
        node = nodes[category.pk]
        if category.parent_id and category.parent_id in nodes:
            nodes[category.parent_id]["children"].append(node)
            nodes[category.parent_id]["count"] += node["count"]
        else:
            roots.append(node)
    return roots


# -- staff --------------------------------------------------------------------------------------------------------
def staff_items(user) -> QuerySet[Item]:
    return Item.objects.filter(acting_scope(user)).select_related("category", "drafted_by")


def staff_requests(user) -> QuerySet[Request]:
    return Request.objects.filter(reading_scope(user)).select_related("applicant", "department")


def late_publications(department_ids: list[int] | None, year: int) -> dict[int, int]:
    """Items published late (条例第二十六条) per department in a year (the workbench's yearly count)."""
    return late_publications_between(department_ids, dt.date(year, 1, 1), dt.date(year, 12, 31))


def late_publications_between(department_ids: list[int] | None, start: dt.date, end: dt.date) -> dict[int, int]:
    """Items published late (条例第二十六条) per department between two dates, for the department's indicators."""
    items = Item.objects.filter(published_late=True, published_on__range=(start, end))
    if department_ids is not None:
        items = items.filter(department_id__in=department_ids)
    return dict(items.values_list("department_id").annotate(n=Count("pk")).order_by())


def unpublished_overdue(department_ids: list[int] | None, today: dt.date) -> QuerySet[Item]:
    """Items not yet published whose 20 working days have passed."""
    items = Item.objects.filter(
        state__in=(ItemState.DRAFT, ItemState.SECRECY_CHECK, ItemState.REVIEW), publish_due__lt=today
    )
    if department_ids is not None:
        items = items.filter(department_id__in=department_ids)
    return items


# -- hooks for other apps --------------------------------------------------------------------------------------------
def overdue_requests(department_ids, today: dt.date) -> QuerySet[Request]:
    """Requests whose answer is overdue on `today` (for the supervision board); `department_ids` None = all."""
    requests = Request.objects.filter(state=RequestState.IN_PROGRESS, due_on__lt=today)
    if department_ids is not None:
        requests = requests.filter(department_id__in=list(department_ids))
    return requests.select_related("department").order_by("due_on", "pk")


def unconfirmed_requests(department_ids, today: dt.date) -> QuerySet[Request]:
    """Requests awaiting confirmation of receipt (条例第三十一条: no clock runs until then) that have waited as long
    as the office allows or longer (`clock.confirmation_late`), the longest waiting first (for the supervision
    board); `department_ids` None = all. None are listed while the calendar does not know the days just before
    `today` (no guess)."""
    latest = _last_late_submission(today)
    if latest is None:
        return Request.objects.none()
    requests = Request.objects.filter(state=RequestState.AWAITING_RECEIPT, submitted_on__lte=latest)
    if department_ids is not None:
        requests = requests.filter(department_id__in=list(department_ids))
    return requests.select_related("department").order_by("submitted_on", "pk")


def _last_late_submission(today: dt.date) -> dt.date | None:
    """The last submission day whose wait on `today` reaches the office's threshold n (every earlier day's wait is
    as long or longer). The wait holds the working days in (submitted_on, today], so it reaches n once it takes in
    the n-th working day counted back from `today` itself: the day before that one is the last late day
    (`add_working_days` backwards from tomorrow, which it does not count). None: the calendar lacks those days."""
    try:
        nth = add_working_days(today + dt.timedelta(days=1), -settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS)
    except UnknownCalendarYear:
        return None
    return nth - dt.timedelta(days=1)


def requests_of_party(party) -> QuerySet[Request]:
    """The applicant's requests, newest first (personal space, template `disclosure/_my_requests.html`)."""
    if party is None:
        return Request.objects.none()
    return (
        Request.objects.filter(applicant=party)
        .select_related("department")
        .prefetch_related("letters")
        .order_by("-submitted_on", "-pk")
    )


def awaiting_receipt_counts(requests: QuerySet[Request], today: dt.date) -> dict[str, int]:
    """Among `requests`, those awaiting confirmation of receipt and, of them, those waiting as long as the office
    allows or longer (`clock.confirmation_late`); one query grouped by submission day."""
    days = (
        requests.filter(state=RequestState.AWAITING_RECEIPT)
        .values_list("submitted_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {"awaiting": 0, "late": 0}
    for submitted_on, n in days:
        counts["awaiting"] += n
        if clock.confirmation_late(clock.unconfirmed_working_days(submitted_on, today)):
            counts["late"] += n
    return counts


def open_request_counts(requests: QuerySet[Request], today: dt.date) -> dict[str, int]:
    """Open, warning and overdue among `requests` (the ones the page lists, e.g. `staff_requests(user)`)."""
    requests = requests.filter(state__in=OPEN_REQUEST_STATES)
    return {
        "open": requests.count(),
        "warning": requests.filter(due_on__gte=today, warning_on__lte=today).count(),
        "overdue": requests.filter(due_on__lt=today).count(),
    }
