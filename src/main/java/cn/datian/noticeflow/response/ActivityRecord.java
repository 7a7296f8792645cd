package cn.datian.noticeflow.response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;

/** One activity a department carried out, as it records it (活动记录). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActivityRecord(
    LocalDate activityDate,
    String title,
    String kind,
    String place,
    Integer participants,
    String description) {}
