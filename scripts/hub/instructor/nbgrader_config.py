"""nbgrader for the instructor's server on the class's hub (on JUPYTER_CONFIG_PATH, set by the hub).

The formgrader, the assignment list and the command line all read the course's own configuration,
the ``nbgrader_config.py`` of the course folder in the instructor's home (``$PR_COURSE_ROOT``): its
course id, gradebook, sandboxed autograding and feedback steps. The exchange comes from
``$NBGRADER_EXCHANGE``, which that file reads.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file
load_subconfig(os.path.join(os.environ["PR_COURSE_ROOT"], "nbgrader_config.py"))  # noqa: F821 - traitlets, too
c.CourseDirectory.root = os.environ["PR_COURSE_ROOT"]
