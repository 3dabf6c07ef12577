from . import helpdesk_holiday_import
