from . import main
from . import intake
from . import portal
from . import home
from . import ticket_form
