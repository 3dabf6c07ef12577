from .business_time import WorkSchedule
from .sla_planner import SlaPlanner
