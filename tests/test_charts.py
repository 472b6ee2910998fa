

def test_a_growth_line_breaks_where_a_period_has_no_rate():
    import pandas as pd
    from ecreport.charts import _line_segments
    frame = pd.DataFrame({"年份": ["2008", "2009", "2011", "2012", "2013", "2014"],
                          "增速": [44.8, 21.7, 29.2, 31.7, None, 59.4],
                          "口径": ["估算"] * 5 + ["调查"]})
    rows = _line_segments(frame, "年份", "增速", "口径", [str(y) for y in range(2008, 2015)])
    runs = rows.groupby("线段")["年份"].apply(list).tolist()
    assert runs == [["2008", "2009"], ["2011", "2012"], ["2014"]]   # not across 2010 (no row) or 2013 (no rate)
