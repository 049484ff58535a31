"""/api/v1/cases/{number}/fee: unified charging (统一收费) over REST.

Read by whoever sees the case and by the finance clerks who collect its fee; one POST per act. An act not allowed
now → 409 with a code, bad input → 400 naming the field, not at a finance window → 403, outside the caller's reach
→ 404; in each case nothing changes. Amounts are integer fen.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Router, Schema

from . import selectors, services
from .models import FeeAssessment
from .permissions import case_for_fee

router = Router(tags=["fees"])


class AssessmentOut(Schema):
    number: str = Field(..., description="缴款通知书编号")
    state: str = Field(..., description="open 待缴费 / paid 已缴费 / waived 已减免 / cancelled 已撤销")
    unit_fen: int
    quantity: int
    amount_fen: int = Field(..., description="应缴金额（分）")
    basis: str = Field(..., description="收费依据")
    assessed_at: dt.datetime
    assessed_by: str
    invoice_number: str = Field(..., description="财政票据号；未缴费时为空")
    payment_method: str
    paid_fen: int | None
    paid_at: dt.datetime | None
    collected_by: str | None
    finance_window: str | None
    waiver_reason: str
    waiver_basis: str
    cancel_reason: str
    settled_at: dt.datetime | None = Field(None, description="减免或撤销的时间")
    settled_by: str | None


class FeeOut(Schema):
    case: str
    unit_fen: int = Field(..., description="事项版本的收费标准（分）；0 为不收费")
    basis: str
    settled: bool = Field(..., description="已缴清或已减免")
    assessments: list[AssessmentOut]


class AssessIn(Schema):
    quantity: int = Field(1, ge=1, le=services.MAX_QUANTITY)


class PayIn(Schema):
    invoice_number: str = Field(..., max_length=services.INVOICE_MAX_LENGTH, description="财政票据号")
    payment_method: Literal["cash", "bank_card", "online", "transfer"]
    paid_fen: int = Field(..., description="实缴金额（分），须等于应缴金额")
    paid_at: dt.datetime | None = Field(None, description="缴费时间；默认现在")


class WaiveIn(Schema):
    reason: str = Field(..., max_length=2000)
    basis: str = Field(..., max_length=2000, description="减免依据")


class CancelIn(Schema):
    reason: str = Field(..., max_length=2000)


def _label(user) -> str | None:
    return None if user is None else (user.full_name or user.username)


def _assessment(a: FeeAssessment) -> dict:
    return {
        "number": a.number,
        "state": a.state,
        "unit_fen": a.unit_fen,
        "quantity": a.quantity,
        "amount_fen": a.amount_fen,
        "basis": a.basis,
        "assessed_at": a.assessed_at,
        "assessed_by": _label(a.assessed_by),
        "invoice_number": a.invoice_number,
        "payment_method": a.payment_method,
        "paid_fen": a.paid_fen,
        "paid_at": a.paid_at,
        "collected_by": _label(a.collected_by),
        "finance_window": a.finance_window.number if a.finance_window else None,
        "waiver_reason": a.waiver_reason,
        "waiver_basis": a.waiver_basis,
        "cancel_reason": a.cancel_reason,
        "settled_at": a.settled_at,
        "settled_by": _label(a.settled_by),
    }


def _fee(request, number: str) -> dict:
    case = case_for_fee(request.user, number)
    assessments = selectors.case_assessments(case)
    version = case.matter_version
    return {
        "case": case.number,
        "unit_fen": version.fee_fen,
        "basis": version.fee_basis,
        "settled": any(a.is_settled for a in assessments),
        "assessments": [_assessment(a) for a in assessments],
    }


@router.get("/{number}/fee", response=FeeOut, summary="办件收费情况")
def fee(request, number: str):
    return _fee(request, number)


@router.post("/{number}/fee/assess", response=FeeOut, summary="核定收费（开具缴款通知）")
def assess(request, number: str, payload: AssessIn):
    services.assess(number, actor=request.user, quantity=payload.quantity)
    return _fee(request, number)


@router.post("/{number}/fee/pay", response=FeeOut, summary="统一收费窗口登记缴费")
def pay(request, number: str, payload: PayIn):
    services.pay(
        number,
        actor=request.user,
        invoice_number=payload.invoice_number,
        payment_method=payload.payment_method,
        paid_fen=payload.paid_fen,
        paid_at=payload.paid_at,
    )
    return _fee(request, number)


@router.post("/{number}/fee/waive", response=FeeOut, summary="减免收费（部门负责人）")
def waive(request, number: str, payload: WaiveIn):
    services.waive(number, actor=request.user, reason=payload.reason, basis=payload.basis)
    return _fee(request, number)


@router.post("/{number}/fee/cancel", response=FeeOut, summary="撤销缴款通知")
def cancel(request, number: str, payload: CancelIn):
    services.cancel(number, actor=request.user, reason=payload.reason)
    return _fee(request, number)
