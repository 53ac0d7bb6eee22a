# Metrics: the training health monitor and its alarms, remedies, diversity measures (tiny widths, 32 px).
ganscope_gtest(metrics_health_test LABELS unit SOURCES
  metrics/health_monitor_test.cpp
  metrics/remedies_test.cpp
  metrics/health_record_test.cpp)
ganscope_gtest(metrics_diversity_test LABELS unit SOURCES
  metrics/diversity_test.cpp)
# Quality measures: Frechet distance, KID, precision/recall, sliced Wasserstein distance, feature classifier.
ganscope_gtest(metrics_quality_test LABELS unit SOURCES
  metrics/quality_measures_test.cpp)
