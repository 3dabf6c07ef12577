from . import test_priority_matrix
from . import test_sla_configuration
from . import test_sla_clock
from . import test_sla_status
from . import test_entitlement
from . import test_portal
from . import test_business_time_agreement
from . import test_security
