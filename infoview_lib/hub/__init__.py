"""infoview on a JupyterHub: workshops whose students and facilitator each use their own server.

- :mod:`infoview_lib.hub.service`: the hub-run workshop service (rosters, progress, hand-ins),
  which runs without the rest of infoview;
- :mod:`infoview_lib.hub.client`: its client, each call a student's or facilitator's server
  makes (over :mod:`~infoview_lib.hub.connection`, :mod:`~infoview_lib.hub.deadline` and
  :mod:`~infoview_lib.hub.errors`); :mod:`~infoview_lib.hub.progress` and
  :mod:`~infoview_lib.hub.progress_reporter`, the student's progress and sending it as they
  save; :mod:`~infoview_lib.hub.roster_workbook`, the first workbook, from the roster;
- :mod:`infoview_lib.hub.extension`: the Jupyter server extension that lands a hub user in
  the app.

Nothing is imported here, so the service runs without the client's dependencies.
"""
