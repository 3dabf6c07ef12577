from .business_time import WorkSchedule, deadline, merge_intervals
from .sla_planner import SlaPlanner
