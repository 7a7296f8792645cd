/**
 * The notice as an official document: its text for every task, its attachments (uploaded by the
 * office while drafting, read by every recipient), and the GB/T 9704 document written when the
 * office head signs it off. Depends on notice, evidence (the content store and type detection) and
 * report (versioned documents).
 */
package cn.datian.noticeflow.document;
