from . import test_quota
from . import test_bags
from . import test_cancellation
from . import test_renewal
from . import test_sale
from . import test_concurrency
from . import test_portal
from . import test_translations
