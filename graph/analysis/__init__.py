"""Inter-department load, centrality and overloaded lead departments.

Entry point: ``run_analysis(out_dir, scope="all-scopes", settings=AnalysisSettings(), ...)``
reads ``out_dir/graph.ttl`` (or ``out_dir/store/`` when there is no graph.ttl) and writes
``out_dir/analysis/`` and ``out_dir/analysis.ttl`` (see docs/analysis.md).
"""
from graph.analysis.centrality import CentralityOptions
from graph.analysis.overload import OverloadOptions
from graph.analysis.rows import LEAD_POLICIES, AnalysisInputError, load_graph_data
from graph.analysis.run import AnalysisResult, AnalysisSettings, ScopeResult, analyse, run_analysis
from graph.analysis.scopes import SCOPE_CHOICES

__all__ = ["run_analysis", "analyse", "AnalysisResult", "AnalysisSettings", "ScopeResult", "OverloadOptions",
           "CentralityOptions", "AnalysisInputError", "load_graph_data", "LEAD_POLICIES", "SCOPE_CHOICES"]
