from . import helpdesk_wallet_adjust
from . import helpdesk_ticket_diagnosis_wizard
