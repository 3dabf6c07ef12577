from . import test_wallet_ledger
from . import test_wallet_sales
from . import test_wallet_concurrency
from . import test_wallet_diagnosis
from . import test_wallet_portal
from . import test_translations
from . import test_wallet_reclaim
