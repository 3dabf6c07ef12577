from . import main
from . import intake
