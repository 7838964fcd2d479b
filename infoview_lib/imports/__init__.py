"""Reading what a student's contacts look like elsewhere into infoview's records.

Beside :mod:`infoview_lib.coach`, below :mod:`infoview_lib.workflow`: the only file read
is the one given, nothing is written. :mod:`~infoview_lib.imports.linkedin` reads the
``Connections.csv`` of LinkedIn's data export, in every layout it has had;
:mod:`~infoview_lib.imports.linkedin_contacts` turns its rows into
:class:`~infoview_lib.model.Contact` records. Saving them is
:mod:`infoview_lib.workflow.imports`' job.
"""

from infoview_lib.imports.linkedin import (
    Connection,
    ConnectionsFile,
    NotAConnectionsFile,
    SkippedRow,
    parse_connections,
    read_connections,
)
from infoview_lib.imports.linkedin_contacts import as_contact, connection_text

__all__ = [
    "Connection",
    "ConnectionsFile",
    "NotAConnectionsFile",
    "SkippedRow",
    "as_contact",
    "connection_text",
    "parse_connections",
    "read_connections",
]
