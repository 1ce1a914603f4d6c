"""The national data set (issue 11, point 1).

``manage.py generate_national --seed N [--scale F] [--yes]`` writes a deterministic national data
set in bulk (PostgreSQL COPY; batched INSERTs on SQLite): every voivodeship and gmina, 20,000
organisations, about 450 KIS/CIS with register entries, the LSRs, RSRs and the KSR with their
partnerships, pacts and forums, 200,000 participants with their cases, plans, bookings and
10,000,000 attendance rows, the development layer (pipeline, procedures, surveys, animation) and
the audit trail. ``manage.py check_data --sample K`` validates K random rows of every model
through ``full_clean`` and the services' invariants, read-only.

The top layer: it imports every app; no app imports it.
"""
