package io.gatehouse.core.api;

/** Whether an API is called synchronously ({@code REST}) or consumed as events ({@code EVENT}). */
public enum ApiType {
    REST, EVENT
}
