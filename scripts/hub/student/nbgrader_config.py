"""nbgrader for a student's server on the class's hub (on JUPYTER_CONFIG_PATH, set by the hub).

Students fetch, validate and submit: they need the course id and the exchange, nothing of the
course's grading configuration (which lives with the instructor).
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file
c.CourseDirectory.course_id = os.environ["PR_COURSE_ID"]
c.Exchange.root = os.environ["NBGRADER_EXCHANGE"]
