"""The report for the physiotherapist: one self-contained HTML page with
adherence, pain and doses (``kneecoach report``, and ``r`` on the history screen).

The numbers are pure functions (``adherence``, ``pain``, ``exercises``, gathered
by ``data``); the page is drawn by ``page`` (a Jinja2 template, charts from
``charts``) and written by ``files``, which keeps it private and off the log.
Only ``page`` and ``charts`` import the optional ``report`` extra.
"""
