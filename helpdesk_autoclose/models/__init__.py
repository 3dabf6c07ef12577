from . import helpdesk_autoclose_rule
from . import helpdesk_ticket_autoclose
from . import helpdesk_ticket_validation
from . import helpdesk_ticket_reply_after_close
from . import helpdesk_ticket_duplicate
from . import helpdesk_ticket_priority_drop
from . import helpdesk_ticket_team
from . import resource_calendar
