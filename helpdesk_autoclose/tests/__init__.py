from . import test_waiting_clock
from . import test_cron_idempotence
from . import test_validation
from . import test_reply_after_close
from . import test_duplicates
from . import test_priority_drop
from . import test_portal
from . import test_concurrency
