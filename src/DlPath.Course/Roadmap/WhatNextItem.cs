namespace DlPath.Course.Roadmap;

/// <summary>A direction to take after the six months ("what next" in the guide).</summary>
/// <param name="Title">Short title.</param>
/// <param name="Text">The advice, in DlPath's words.</param>
/// <param name="Resources">Where to go.</param>
public sealed record WhatNextItem(string Title, string Text, IReadOnlyList<Resource> Resources);
