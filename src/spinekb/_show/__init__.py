"""Everything drawn for people: plain text (``text``), HTML for Jupyter (``html``), pandas
DataFrames and networkx graphs (``frames``) and the content report (``report``).

Records and answers reach this layer only through their display hooks (``__str__``,
``_repr_html_``, ``to_dataframe``, ``to_networkx``), imported on first use.
"""
