"""获取方式 stored as codes; the facts of a request's history kept as codes in `RequestEvent.data`.

Both used to be stored as text made at write time, in the writer's language. Old values are converted only where
they are exactly that text (the labels below are frozen as the code wrote them, in both languages of the site);
anything else (a 获取方式 staff typed by hand, a note that matches no label) stays as it is and is shown as it is.
"""

from django.db import migrations, models

BATCH = 500

# 获取方式: the Chinese text the online form stored (and the same words typed by staff) → code.
DELIVERY_TEXTS = {
    "邮寄": "post",
    "电子邮件": "email",
    "当面领取": "pick_up",
    "传真": "fax",
    "当场查阅、抄录": "inspection",
}

# The labels the events' notes were made of: code → (Chinese, English).
CHANNEL_LABELS = {
    "in_person": ("当面提交", "In person"),
    "registered_post": ("邮寄（需签收）", "By post (signed for)"),
    "ordinary_letter": ("平常信函", "Ordinary letter"),
    "online": ("互联网", "Internet"),
    "fax": ("传真", "Fax"),
}
PAUSE_LABELS = {
    "third_party": ("征求第三方意见", "Consult third party"),
    "agency": ("征求其他机关意见", "Consult other authority"),
}
OUTCOME_LABELS = {
    "disclosed": ("予以公开", "Disclosed"),
    "partial": ("部分公开", "Partially disclosed"),
    "withheld": ("不予公开", "Not disclosed"),
    "unavailable": ("无法提供", "Unable to provide"),
    "not_processed": ("不予处理", "Not processed"),
    "other": ("其他处理", "Other handling"),
}
# The consultation note was `f"{label}：{counterpart}"`, with this separator in every language.
SEPARATOR = "："


def delivery_code(text: str) -> str | None:
    """The code of a stored 获取方式, or None when the text is not exactly one of the choices."""
    return DELIVERY_TEXTS.get(text)


def event_facts(action: str, note: str, *, channel: str, outcome: str, fee_fen: int) -> tuple[dict, str] | None:
    """(data, note) of an event written before `data`, from its note and its request (channel, outcome and fee are
    set once per request); None when the note is not exactly the text the code made then."""
    if action == "filed" and note in CHANNEL_LABELS.get(channel, ()):
        return {"channel": channel}, ""
    if action == "answered" and note in OUTCOME_LABELS.get(outcome, ()):
        return {"outcome": outcome}, ""
    if action == "fee_notice" and fee_fen and note == f"{fee_fen / 100:.2f}":
        return {"fee_fen": fee_fen}, ""
    if action == "consultation_started":
        for kind, labels in PAUSE_LABELS.items():
            for label in labels:
                if note.startswith(label + SEPARATOR):
                    return {"kind": kind}, note[len(label) + len(SEPARATOR) :]
    return None


def event_note(data: dict, note: str) -> str:
    """The Chinese note an event had before `data` (to migrate backwards)."""
    parts = [
        labels.get(data[key], (data[key],))[0]
        for key, labels in (("channel", CHANNEL_LABELS), ("kind", PAUSE_LABELS), ("outcome", OUTCOME_LABELS))
        if key in data
    ]
    if "fee_fen" in data:
        parts.append(f"{data['fee_fen'] / 100:.2f}")
    return SEPARATOR.join([*parts, note] if note else parts)


def deliveries_to_codes(apps, schema_editor):
    Request = apps.get_model("disclosure", "Request")
    for text, code in DELIVERY_TEXTS.items():
        Request.objects.filter(delivery=text).update(delivery=code)


def deliveries_to_texts(apps, schema_editor):
    Request = apps.get_model("disclosure", "Request")
    for text, code in DELIVERY_TEXTS.items():
        Request.objects.filter(delivery=code).update(delivery=text)


def notes_to_data(apps, schema_editor):
    RequestEvent = apps.get_model("disclosure", "RequestEvent")
    events = (
        RequestEvent.objects.filter(action__in=("filed", "answered", "fee_notice", "consultation_started"))
        .exclude(note="")
        .select_related("request")
        .only("action", "note", "data", "request__channel", "request__outcome", "request__fee_fen")
        .order_by("pk")
    )
    changed = []
    for event in events.iterator(chunk_size=BATCH):
        if event.data:
            continue
        r = event.request
        facts = event_facts(event.action, event.note, channel=r.channel, outcome=r.outcome, fee_fen=r.fee_fen)
        if facts is not None:
            event.data, event.note = facts
            changed.append(event)
    RequestEvent.objects.bulk_update(changed, ["data", "note"], batch_size=BATCH)


def data_to_notes(apps, schema_editor):
    RequestEvent = apps.get_model("disclosure", "RequestEvent")
    changed = []
    for event in RequestEvent.objects.only("data", "note").order_by("pk").iterator(chunk_size=BATCH):
        if event.data:
            event.note = event_note(event.data, event.note)
            changed.append(event)
    RequestEvent.objects.bulk_update(changed, ["note"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_fee_tiers"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestevent",
            name="data",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="request",
            name="delivery",
            field=models.CharField(
                blank=True,
                choices=[
                    ("post", "邮寄"),
                    ("email", "电子邮件"),
                    ("pick_up", "当面领取"),
                    ("fax", "传真"),
                    ("inspection", "当场查阅、抄录"),
                ],
                max_length=40,
                verbose_name="获取方式",
            ),
        ),
        migrations.RunPython(deliveries_to_codes, deliveries_to_texts, elidable=True),
        migrations.RunPython(notes_to_data, data_to_notes, elidable=True),
    ]
