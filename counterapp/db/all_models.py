"""Imports every model module so Base.metadata knows every table (autogenerate, tests).

One line per area; add yours when you add a models module.
"""

import counterapp.calendar.models  # noqa: F401
import counterapp.catalog.models  # noqa: F401
import counterapp.digitize.models  # noqa: F401
import counterapp.dossiers.models  # noqa: F401
import counterapp.outbox  # noqa: F401
import counterapp.ratings.models  # noqa: F401
import counterapp.reports.indexes  # noqa: F401
import counterapp.reports.marks  # noqa: F401
import counterapp.users.models  # noqa: F401
