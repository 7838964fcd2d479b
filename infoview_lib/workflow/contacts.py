"""A contact's place in the pipeline, moved forward by the steps that reach it."""

from __future__ import annotations

from infoview_lib.model import Contact, PipelineStatus
from infoview_lib.store import Workbook


def advance_contact(book: Workbook, contact_id: int, stage: PipelineStatus) -> bool:
    """Move a contact forward to ``stage``, never back nor off a side track; whether it moved."""
    pipeline = PipelineStatus.pipeline()
    current = book.get(Contact, contact_id).status
    if current in pipeline and pipeline.index(current) < pipeline.index(stage):
        book.edit(Contact, contact_id, status=stage)
        return True
    return False
