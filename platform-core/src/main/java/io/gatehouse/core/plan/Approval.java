package io.gatehouse.core.plan;

/** Whether a subscription to a plan is active at once ({@code AUTO}) or waits for a publisher ({@code MANUAL}). */
public enum Approval {
    AUTO, MANUAL
}
