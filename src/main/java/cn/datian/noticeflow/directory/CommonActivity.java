package cn.datian.noticeflow.directory;

/** One of the focal areas of section 三 of the notice, which every recipient works on. */
public record CommonActivity(String code, String title, String summary) {}
