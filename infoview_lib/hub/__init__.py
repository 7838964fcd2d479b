"""infoview on a JupyterHub: workshops whose students and facilitator each use their own server.

- :mod:`infoview_lib.hub.service`: the hub-run workshop service (rosters, progress, hand-ins),
  which runs without the rest of infoview;
- :mod:`infoview_lib.hub.client`: its client, the calls a student's or facilitator's server
  makes, with :mod:`~infoview_lib.hub.progress` and :mod:`~infoview_lib.hub.progress_reporter`
  (what the student's progress is, and sending it as they save) and
  :mod:`~infoview_lib.hub.roster_workbook` (the first workbook, from the roster);
- :mod:`infoview_lib.hub.extension`: the Jupyter server extension that lands a hub user in
  the app.

Nothing is imported here, so the service can be run without the client's dependencies.
"""
