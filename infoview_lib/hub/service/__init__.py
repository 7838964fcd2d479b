"""The ``infoview`` JupyterHub service: workshop rosters, progress and hand-ins.

It implements ``docs/design/workshop-service-api.md``. Run it as
``python -m infoview_lib.hub.service --data DIR [--ip IP] [--port N]``. It also runs from a
copy of this folder alone, as ``python -m infoview_service`` with the copy named so on
``PYTHONPATH`` (how Kubernetes mounts it into the hub's pod): so its modules import only one
another (relatively), the standard library, tornado and ``jupyterhub.services.auth``, on
Python 3.10+. Without ``--ip``/``--port`` it listens where ``JUPYTERHUB_SERVICE_URL`` says,
under ``JUPYTERHUB_SERVICE_PREFIX``.

Its modules, from the contract up: :mod:`.contract` (scopes, limits, body fields),
:mod:`.errors`, :mod:`.validation` (request bodies and hand-ins), :mod:`.storage` (the data
folder), :mod:`.api_handler` (auth, bodies, replies), :mod:`.student_endpoints`,
:mod:`.facilitator_endpoints` and :mod:`.app` (the app, the server and the command line).
"""
